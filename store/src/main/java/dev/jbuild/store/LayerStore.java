package dev.jbuild.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.ApplyResult;
import dev.jbuild.layertar.DirectoryRename;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.MalformedLayerException;
import dev.jbuild.layertar.MergedCopy;
import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.TarSplit;
import dev.jbuild.layertar.UnsafeEntryException;
import dev.jbuild.platform.FileSystemSync;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The store's one set of unpacked layers, in overlay format as Docker's overlay2 keeps them:
 * {@code snapshots/<chain ID hex>/diff} holds what that layer itself changed (whiteouts as 0/0
 * character devices, opaque directories marked), with {@code snapshot.json} beside it. A build stacks
 * the diffs of its parent chain as overlay lower directories and commits each step's diff here
 * ({@link #adopt}); {@code load}, {@code import} and pulled base images unpack each layer once into its
 * diff; export and the SBOM read a merged view ({@link #merged}). So each layer is on disk once, in
 * one format, whatever made it.
 *
 * <p>A layer is unpacked with layer-tar's {@link LayerApplier} in overlay format into an empty
 * directory of this process's temp area, which is then renamed into {@code snapshots/} whole: a reader
 * never sees half a diff, and a second writer of the same chain drops its copy. Unpacking into an
 * empty directory of its own, a layer cannot reach anything outside it.
 */
public final class LayerStore {
    /** The layer's own diff, in overlay format. */
    public static final String DIFF = "diff";
    static final String META = "snapshot.json";

    private final StoreLayout layout;
    private final StoreSession session;
    private final StoreLock lock;
    private final StoreOptions options;
    private final BlobStore blobs;
    private final CompressedBlobCache compressed;
    private final LayerSizes sizes;
    private final ConcurrentHashMap<Digest, ReentrantLock> unpacking = new ConcurrentHashMap<>();

    LayerStore(StoreLayout layout, StoreSession session, StoreLock lock, StoreOptions options, BlobStore blobs,
               CompressedBlobCache compressed, LayerSizes sizes) {
        this.layout = layout;
        this.session = session;
        this.lock = lock;
        this.options = options;
        this.blobs = blobs;
        this.compressed = compressed;
        this.sizes = sizes;
    }

    /**
     * The OCI chain ID of a stack of layers: ChainID(L0) = DiffID(L0), ChainID(Ln) =
     * sha256(ChainID(Ln-1) + " " + DiffID(Ln)), digests written in full ({@code sha256:...}).
     */
    public static Digest chainId(List<Digest> diffIds) {
        List<Digest> chain = chainIds(diffIds);
        return chain.get(chain.size() - 1);
    }

    /** The chain ID of every prefix of the stack, bottom first. */
    public static List<Digest> chainIds(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            throw new IllegalArgumentException("a chain ID needs at least one layer");
        }
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = diffIds.get(0);
        out.add(chain);
        for (int i = 1; i < diffIds.size(); i++) {
            chain = Digest.of(chain.value() + " " + diffIds.get(i).value());
            out.add(chain);
        }
        return out;
    }

    /** Where the diff of a chain lies, whether or not it exists. */
    public Path diffDir(Digest chainId) {
        return layout.snapshot(chainId).resolve(DIFF);
    }

    /** Whether the chain's diff exists. */
    public boolean has(Digest chainId) {
        return Files.isDirectory(diffDir(chainId));
    }

    /** The diff directories of a layer stack, bottom first, whether or not they exist. */
    public List<Path> diffDirs(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>(diffIds.size());
        for (Digest chain : chainIds(diffIds)) {
            dirs.add(diffDir(chain));
        }
        return dirs;
    }

    /**
     * The diffs of the stack of layers with these diff IDs, bottom first, unpacking what is missing.
     * Each layer is read from the blob stored under its diff ID, or else from a registered compressed
     * variant.
     */
    public List<Path> diffs(List<Digest> diffIds) throws IOException {
        List<Descriptor> layers = new ArrayList<>(diffIds.size());
        for (Digest diffId : diffIds) {
            layers.add(has(chainId(diffIds.subList(0, layers.size() + 1))) ? null : blobFor(diffId));
        }
        return diffs(diffIds, layers);
    }

    /** The diffs of an image's layers, bottom first, unpacking from its manifest's layer blobs. */
    public List<Path> diffs(ImageRecord image) throws IOException {
        List<Digest> diffIds = image.diffIds();
        List<Descriptor> layers = image.manifest().layers();
        if (diffIds.size() != layers.size()) {
            throw new InvalidImageException("image " + image.shortId() + " has " + layers.size() + " layers but "
                    + diffIds.size() + " diff_ids");
        }
        return diffs(diffIds, layers);
    }

    /**
     * The diffs of a layer stack, bottom first, unpacking the missing ones from their blobs.
     *
     * @param layers the layer blobs (compressed or not), aligned with {@code diffIds}; an entry may be
     *     null where the diff exists
     */
    public List<Path> diffs(List<Digest> diffIds, List<Descriptor> layers) throws IOException {
        if (diffIds.isEmpty()) {
            return List.of();
        }
        List<Digest> chains = chainIds(diffIds);
        List<Path> dirs = new ArrayList<>(chains.size());
        for (int i = 0; i < chains.size(); i++) {
            Digest chain = chains.get(i);
            if (!has(chain)) {
                ReentrantLock unpack = unpacking.computeIfAbsent(chain, c -> new ReentrantLock());
                unpack.lock();
                try {
                    if (!has(chain)) {
                        Descriptor blob = layers.get(i) != null ? layers.get(i) : blobFor(diffIds.get(i));
                        create(diffIds.subList(0, i + 1), blob);
                    }
                } finally {
                    unpack.unlock();
                }
            }
            dirs.add(touch(chain));
        }
        return dirs;
    }

    /** A new empty directory in this process's temp area, for a diff to be {@linkplain #adopt adopted}. */
    public Path newDiffDirectory() throws IOException {
        return session.newDirectory("diff").resolve(DIFF);
    }

    /**
     * Makes a diff in overlay format the snapshot of the layer stack {@code diffIds} (its top layer's
     * diff), unless the store has it already. {@code diff} must be a directory made by
     * {@link #newDiffDirectory}; it is moved, not copied.
     *
     * @param durable sync the file system first: for layers that came from outside, which nothing else
     *     could give back after a crash; a build's own steps are cheaper to redo than to sync
     * @return false when the snapshot existed (the directory is deleted)
     */
    public boolean adopt(List<Digest> diffIds, Path diff, boolean durable) throws IOException {
        Path work = diff.toAbsolutePath().normalize().getParent();
        if (!diff.getFileName().toString().equals(DIFF) || work == null || !work.startsWith(session.dir())
                || !Files.isDirectory(diff)) {
            throw new IllegalArgumentException(diff + " is not a " + DIFF + " directory in this store's temp area");
        }
        try {
            List<Digest> chain = chainIds(diffIds);
            Digest chainId = chain.get(chain.size() - 1);
            if (has(chainId)) {
                return false;
            }
            ObjectNode meta = CanonicalJson.object();
            meta.put("chainId", chainId.value());
            meta.put("diffId", diffIds.get(diffIds.size() - 1).value());
            if (chain.size() > 1) {
                meta.put("parent", chain.get(chain.size() - 2).value());
            }
            Files.write(work.resolve(META), CanonicalJson.bytes(meta));
            if (durable) {
                FileSystemSync.syncFileSystemOf(work); // one syncfs: an fsync per file of a large tree is far slower
            }
            try (StoreLock.Held held = lock.shared(options)) {
                // a build's own step needs no fsync of the directory either: after a crash it only runs again
                boolean published = durable ? AtomicFiles.publishDirectoryIfAbsent(work, layout.snapshot(chainId))
                        : DirectoryRename.renameIfAbsent(work, layout.snapshot(chainId));
                if (published) {
                    work = null;
                }
                return published;
            }
        } finally {
            if (work != null) {
                FileTrees.delete(work);
            }
        }
    }

    /**
     * The image's file system as one plain directory tree, for readers that need one (export, the SBOM):
     * the merged view of its diffs, made of hard links to them, deleted on close. Read it, never write it.
     */
    public Merged merged(ImageRecord image) throws IOException {
        List<Path> diffs = diffs(image);
        Path dir = session.newDirectory("merged");
        try {
            Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
            if (diffs.isEmpty()) {
                Files.setAttribute(rootfs, "unix:mode", 0755);
            }
            MergedCopy.link(OverlayStack.of(diffs), rootfs);
            return new Merged(dir, rootfs);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(dir);
            throw e;
        }
    }

    /** An image's merged file system ({@link #merged}); closing deletes the tree (never the layers' files). */
    public static final class Merged implements AutoCloseable {
        private final Path dir;
        private final Path rootfs;

        private Merged(Path dir, Path rootfs) {
            this.dir = dir;
            this.rootfs = rootfs;
        }

        public Path rootfs() {
            return rootfs;
        }

        @Override
        public void close() throws IOException {
            FileTrees.delete(dir);
        }
    }

    /**
     * Keeps the uncompressed blob of the top layer of {@code stack} as its snapshot plus a tar split
     * ({@link SplitLayers}) rather than as a second copy of its bytes, when the snapshot gives the very
     * bytes back: for layers that arrived uncompressed (load of a {@code docker save} archive, import).
     * The blob keeps its digest; save and push read it as before.
     *
     * @return whether the blob's file was replaced
     */
    public boolean keepAsSplit(List<Digest> stack) throws IOException {
        Digest diffId = stack.get(stack.size() - 1);
        Digest chain = chainId(stack);
        Path blob = layout.blob(diffId);
        if (!Files.isRegularFile(blob) || !has(chain)) {
            return false;
        }
        try (StoreLock.Held held = lock.shared(options)) {
            return blobs.splits().split(diffId, chain, blob, diffDir(chain));
        }
    }

    /** Writes a layer's tar through {@code tar}, recording its split into {@code split} (see {@link #stageBuilt}). */
    @FunctionalInterface
    public interface SplitContent {
        void writeTo(OutputStream tar, TarSplit.Recorder split) throws IOException;
    }

    /**
     * The first half of keeping a layer a build step made once: its tar, written by {@code content} from
     * the step's diff, is hashed and its split recorded, and its bytes are kept nowhere. Once the diff
     * is the snapshot of the layer's chain, {@link #keepBuilt} makes the split the layer's blob: read,
     * the blob is the diff's files put back between the split's headers, checked against its digest.
     */
    public StagedSplit stageBuilt(SplitContent content) throws IOException {
        return blobs.splits().stage(content);
    }

    /**
     * Makes a staged split the blob of the top layer of {@code stack}, whose snapshot must exist (the
     * step's diff, {@linkplain #adopt adopted}); a blob or split the store already has for the layer
     * stays. The staged split is used up either way.
     */
    public Descriptor keepBuilt(List<Digest> stack, StagedSplit staged) throws IOException {
        if (!stack.get(stack.size() - 1).equals(staged.digest())) {
            throw new IllegalArgumentException("the split of " + staged.digest() + " is not the top of the stack");
        }
        boolean kept;
        try (StoreLock.Held held = lock.shared(options)) {
            kept = blobs.splits().keep(staged, chainId(stack));
        }
        if (!kept) {
            blobs.touch(staged.digest()); // the store's own copy is in use again
        }
        return new Descriptor(MediaTypes.OCI_LAYER, staged.digest(), staged.size());
    }

    /** Every snapshot's chain ID. */
    public List<Digest> snapshots() throws IOException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(layout.snapshotsDir())) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(layout.snapshotsDir())) {
            dirs.map(d -> d.getFileName().toString()).filter(Digest::isHex).map(Digest::ofHex).forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Deletes a snapshot; returns the bytes freed. */
    public long deleteSnapshot(Digest chainId) throws IOException {
        try (StoreLock.Held held = lock.exclusive(options)) {
            return deleteSnapshotLocked(chainId);
        }
    }

    long deleteSnapshotLocked(Digest chainId) throws IOException {
        Path dir = layout.snapshot(chainId);
        if (!Files.exists(dir)) {
            return 0;
        }
        // Renamed away first, so that a reader never sees a half-deleted snapshot under its name.
        Path doomed = session.newPath("doomed-snapshot");
        Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(layout.snapshotsDir());
        return FileTrees.delete(doomed);
    }

    private Descriptor blobFor(Digest diffId) throws IOException {
        if (blobs.has(diffId)) {
            return new Descriptor(MediaTypes.OCI_LAYER, diffId, blobs.size(diffId));
        }
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Optional<Descriptor> variant = compressed.cached(diffId, compression);
            if (variant.isPresent()) {
                return variant.get();
            }
        }
        throw new BlobNotFoundException(diffId);
    }

    /** Marks a snapshot as in use now (prune spares what was used since it started) and gives its diff. */
    private Path touch(Digest chainId) throws IOException {
        try {
            Files.setLastModifiedTime(layout.snapshot(chainId).resolve(META), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StoreCorruptedException("snapshot " + chainId + " vanished while in use");
        }
        return diffDir(chainId);
    }

    private void create(List<Digest> diffIds, Descriptor layer) throws IOException {
        Path diff = newDiffDirectory();
        Path staging = session.newDirectory("staging");
        try {
            apply(diffIds.get(diffIds.size() - 1), layer, diff, staging);
            adopt(diffIds, diff, true);
        } finally {
            FileTrees.delete(staging);
            FileTrees.delete(diff.getParent());
        }
    }

    private void apply(Digest diffId, Descriptor layer, Path diff, Path staging) throws IOException {
        ApplyOptions applyOptions = new ApplyOptions(options.keepOwnership()).withStagingParent(staging).inOverlayFormat();
        Compression compression = MediaTypes.layerCompression(layer.mediaType());
        try (InputStream raw = blobs.open(layer); InputStream tar = CompressionStreams.decompressing(compression, raw)) {
            ApplyResult result = LayerApplier.of(applyOptions).apply(tar, diff);
            tar.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream()); // the end of the blob is where it is verified
            Digest actual = result.digest().digest();
            if (!actual.equals(diffId)) {
                throw new BlobCorruptedException(diffId, actual);
            }
            sizes.record(diffId, result.contentSize()); // counted on the way: no second reading
        } catch (UnsafeEntryException e) {
            requireIntact(layer);
            throw new LayerRejectedException("layer " + diffId + " was refused: " + e.getMessage(), e);
        } catch (MalformedLayerException | java.util.zip.ZipException e) {
            requireIntact(layer);
            throw new LayerRejectedException("layer " + diffId + " is not a valid tar: " + e.getMessage(), e);
        }
    }

    /** A stored layer that does not unpack may simply be damaged on disk; say so rather than blame the layer. */
    private void requireIntact(Descriptor blob) throws IOException {
        Digest actual = blobs.verify(blob.digest());
        if (actual != null) {
            throw new BlobCorruptedException(blob.digest(), actual);
        }
    }

}
