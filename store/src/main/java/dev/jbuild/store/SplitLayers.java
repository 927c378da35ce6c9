package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.layertar.TarSplit;
import dev.jbuild.platform.FileSystemSync;
import dev.jbuild.platform.FileTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Uncompressed layer blobs kept as their snapshot plus a {@link TarSplit} instead of a second copy of
 * the bytes (a layer loaded or imported uncompressed, split after it is unpacked; every layer a build
 * step makes, split while its tar is written): {@code snapshots/<chain>/layer.tar-split} (gzip) beside
 * the diff it refers to, and {@code tar-splits/<diff ID hex>} naming that chain and the blob's size. The blob store serves such a
 * blob as if it were a file ({@link BlobStore#open}), reassembled and verified against its digest while
 * it is read; the collector keeps the chain while the blob is needed ({@link Reachability}).
 */
final class SplitLayers {
    static final String SPLIT = "layer.tar-split";
    private static final int PIPE = 1 << 20;

    private final StoreLayout layout;
    private final StoreSession session;

    SplitLayers(StoreLayout layout, StoreSession session) {
        this.layout = layout;
        this.session = session;
    }

    /** Where a split blob lives: its chain's diff and split, and its size. */
    record Split(Digest diffId, Digest chain, long size, Path diff, Path split, Path mapping) {
    }

    /** The split that stands for the blob {@code diffId}, when there is one whose snapshot is still there. */
    Optional<Split> find(Digest diffId) throws IOException {
        Path mapping = layout.splitMapping(diffId);
        String[] fields;
        try {
            fields = Files.readString(mapping, StandardCharsets.US_ASCII).strip().split(" ");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (fields.length != 2 || !Digest.isHex(fields[0])) {
            return Optional.empty();
        }
        Digest chain = Digest.ofHex(fields[0]);
        Path split = layout.snapshot(chain).resolve(SPLIT);
        Path diff = layout.snapshot(chain).resolve(LayerStore.DIFF);
        if (!Files.isRegularFile(split) || !Files.isDirectory(diff)) {
            return Optional.empty();
        }
        return Optional.of(new Split(diffId, chain, Long.parseLong(fields[1]), diff, split, mapping));
    }

    /** The blob's bytes, reassembled on a thread of its own as they are read (not yet verified). */
    InputStream open(Split split) throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (OutputStream pipe = out; InputStream records = new GZIPInputStream(Files.newInputStream(split.split()))) {
                TarSplit.assemble(records, split.diff(), pipe);
            } catch (IOException e) {
                // the reader sees the pipe end early, and the digest it checks fails
            }
        }, "tar-split " + split.diffId().hex().substring(0, 12));
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    void touch(Split split) throws IOException {
        Files.setLastModifiedTime(split.mapping(), FileTime.fromMillis(System.currentTimeMillis()));
    }

    /**
     * Replaces the uncompressed blob {@code blob} (the top layer of {@code chain}, whose diff is
     * {@code diff}) by a split, when the split gives the very bytes back; the blob stays otherwise.
     *
     * @return whether the blob was replaced
     */
    boolean split(Digest diffId, Digest chain, Path blob, Path diff) throws IOException {
        Path temp = session.newPath("tar-split");
        try {
            try (InputStream tar = Files.newInputStream(blob);
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                TarSplit.record(tar, diff, out);
            }
            DigestingOutputStream back = new DigestingOutputStream(OutputStream.nullOutputStream());
            try (InputStream records = new GZIPInputStream(Files.newInputStream(temp))) {
                TarSplit.assemble(records, diff, back);
            } catch (IOException e) {
                back.abandon();
                return false;
            }
            if (!back.digest().equals(diffId)) {
                return false; // the diff does not hold the layer's files as they were: keep the bytes
            }
            publish(temp, diffId, chain, back.size());
            Files.deleteIfExists(blob);
            return true;
        } catch (InterruptedIOException e) {
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Makes {@code splitFile} the split of the layer {@code diffId}, the top of {@code chain}: beside the
     * chain's diff, then the mapping that names it (a reader that finds the mapping finds the split).
     */
    private void publish(Path splitFile, Digest diffId, Digest chain, long size) throws IOException {
        AtomicFiles.publish(splitFile, layout.snapshot(chain).resolve(SPLIT));
        writeMapping(diffId, chain, size, true);
    }

    /**
     * Names the snapshot whose split and diff stand for the blob {@code diffId}.
     *
     * @param durable sync the file and its directory: for layers from outside, whose snapshot was synced
     *     too; a build's own step is not (a crash only makes it run again), until an image names the layer
     *     ({@link #makeDurable})
     */
    private void writeMapping(Digest diffId, Digest chain, long size, boolean durable) throws IOException {
        byte[] mapping = (chain.hex() + " " + size + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = session.newPath("tar-split-mapping");
        if (durable) {
            AtomicFiles.write(temp, layout.splitMapping(diffId), mapping);
            return;
        }
        Files.write(temp, mapping);
        Files.createDirectories(layout.splitMappingsDir());
        Files.move(temp, layout.splitMapping(diffId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Lets another snapshot of the same layer, one that holds a split of its own, stand for the blob, so
     * that the snapshot the mapping named can go: two builds that make the same layer on different
     * parents (a COPY --from of a file a stage's RUN made) each keep a split beside their diff.
     */
    void standIn(Split split, Digest chain) throws IOException {
        writeMapping(split.diffId(), chain, split.size(), true);
    }

    /** Of the given chains, those whose snapshot holds a split, by the diff ID of their top layer. */
    Map<Digest, Digest> splitsIn(Collection<Digest> chains) throws IOException {
        Map<Digest, Digest> byLayer = new HashMap<>();
        for (Digest chain : chains) {
            Path snapshot = layout.snapshot(chain);
            if (!Files.isRegularFile(snapshot.resolve(SPLIT))) {
                continue;
            }
            try {
                String diffId = JsonTrees.read(Files.readAllBytes(snapshot.resolve(LayerStore.META)))
                        .path("diffId").asText("");
                if (diffId.startsWith("sha256:") && Digest.isHex(diffId.substring(7))) {
                    byLayer.putIfAbsent(Digest.ofHex(diffId.substring(7)), chain);
                }
            } catch (IOException e) {
                // a snapshot without readable metadata stands in for nothing
            }
        }
        return byLayer;
    }

    /**
     * Hashes the tar {@code content} writes and records its split into this process's temp area; the
     * tar's bytes are kept nowhere. {@link #keep} makes it the layer's blob once its diff is a snapshot.
     */
    StagedSplit stage(LayerStore.SplitContent content) throws IOException {
        Path temp = session.newPath("built-split");
        DigestingOutputStream digesting = new DigestingOutputStream(OutputStream.nullOutputStream());
        boolean kept = false;
        try {
            try (OutputStream file = new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                TarSplit.Recorder recorder = new TarSplit.Recorder(file);
                OutputStream tar = new BufferedOutputStream(digesting, 1 << 16);
                content.writeTo(tar, recorder);
                tar.flush();
            }
            StagedSplit staged = new StagedSplit(temp, new SizedDigest(digesting.digest(), digesting.size()));
            kept = true;
            return staged;
        } finally {
            if (!kept) {
                digesting.abandon();
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Makes a staged split the blob of its layer, the top of {@code chain}, whose snapshot the caller
     * has just made. The split goes beside that diff unless the snapshot has one; a blob or split the
     * store has for the layer already stays the layer's blob (the collector may later let this one
     * stand in for it, {@link #standIn}).
     *
     * @return false when the store had the layer already
     */
    boolean keep(StagedSplit staged, Digest chain) throws IOException {
        Digest diffId = staged.digest();
        try {
            if (Files.isRegularFile(layout.blob(diffId))) {
                return false;
            }
            Path snapshot = layout.snapshot(chain);
            if (!Files.isDirectory(snapshot.resolve(LayerStore.DIFF))) {
                throw new StoreCorruptedException("snapshot " + chain + " vanished before its layer was kept");
            }
            if (!Files.exists(snapshot.resolve(SPLIT))) {
                Files.move(staged.splitFile(), snapshot.resolve(SPLIT), StandardCopyOption.ATOMIC_MOVE);
            }
            if (find(diffId).isPresent()) {
                return false;
            }
            writeMapping(diffId, chain, staged.size(), false);
            return true;
        } finally {
            staged.close();
        }
    }

    /**
     * Makes the layers among {@code layers} that are kept as splits durable, with one syncfs: a build step
     * keeps its layer without syncing (a step a crash cuts short runs again), but an image that names the
     * layer must not outlive its bytes, so the store calls this before it commits one. Whether a split's
     * snapshot is on disk yet is not recorded anywhere (another process may have kept it and failed before
     * committing an image), so any split layer costs the sync, which is cheap when nothing is pending.
     */
    void makeDurable(Collection<Digest> layers) throws IOException {
        for (Digest layer : layers) {
            if (!Files.isRegularFile(layout.blob(layer)) && find(layer).isPresent()) {
                FileSystemSync.syncFileSystemOf(layout.snapshotsDir());
                return;
            }
        }
    }

    /** Writes the blob out as a file (for consumers that need a path), verified; the split stays. */
    void materialize(Split split, Path target) throws IOException {
        Path temp = session.newPath("materializing");
        try (InputStream in = new VerifyingInputStream(open(split), split.diffId(), split.size())) {
            Files.copy(in, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(temp);
        }
    }
}
