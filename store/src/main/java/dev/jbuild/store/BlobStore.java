package dev.jbuild.store;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code blobs/sha256/<hex>}.
 *
 * <p>Writing streams into a temp file of this process's session while hashing, fsyncs, and renames
 * into place: the blob appears whole or not at all, two processes writing the same content both
 * succeed (the second rename replaces identical bytes, and heals a damaged copy), and nothing is held
 * in memory. Reading verifies: {@link #open} hashes as it goes and fails at the end of the stream when
 * the bytes are not what their name says.
 */
public final class BlobStore {
    private static final int BUFFER = 64 * 1024;

    private final StoreLayout layout;
    private final StoreSession session;
    private final StoreLock lock;
    private final StoreOptions options;
    private final SplitLayers splits;

    /** Writes a blob's bytes to the stream it is given (for producers such as a tar writer). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    BlobStore(StoreLayout layout, StoreSession session, StoreLock lock, StoreOptions options) {
        this.layout = layout;
        this.session = session;
        this.lock = lock;
        this.options = options;
        this.splits = new SplitLayers(layout, session);
    }

    /** Uncompressed layers kept as their snapshot and a tar split rather than as a file here. */
    SplitLayers splits() {
        return splits;
    }

    /** Stores what the stream holds (read to its end, not closed) and describes it. */
    public Descriptor put(InputStream in, String mediaType) throws IOException {
        return write(mediaType, null, -1, out -> in.transferTo(out));
    }

    /**
     * Stores the stream only if it hashes to {@code expected} (and has {@code expectedSize} bytes,
     * unless that is negative); otherwise nothing is stored and {@link BlobCorruptedException} says
     * what arrived instead.
     */
    public Descriptor put(InputStream in, String mediaType, Digest expected, long expectedSize) throws IOException {
        return write(mediaType, expected, expectedSize, out -> in.transferTo(out));
    }

    /**
     * Stores small content held in memory. When the store already has it (a rebuild writes the same
     * config and manifest again) the blob is only marked in use: no temp file, no fsync.
     */
    public Descriptor put(byte[] bytes, String mediaType) throws IOException {
        Digest digest = Digest.of(bytes);
        if (touch(digest)) {
            return new Descriptor(mediaType, digest, bytes.length);
        }
        return put(new ByteArrayInputStream(bytes), mediaType);
    }

    /** Stores what {@code content} writes. */
    public Descriptor write(String mediaType, Content content) throws IOException {
        return write(mediaType, null, -1, content);
    }

    private Descriptor write(String mediaType, Digest expected, long expectedSize, Content content) throws IOException {
        StagedBlob staged = writeTemp(expected, expectedSize, content, true);
        try {
            try (StoreLock.Held held = lock.shared(options)) {
                AtomicFiles.publish(staged.file(), layout.blob(staged.digest()));
            }
            return new Descriptor(mediaType, staged.digest(), staged.size());
        } finally {
            staged.discard();
        }
    }

    /**
     * Writes and hashes what the stream holds (read to its end, not closed) into this process's temp
     * area without making it part of the store: for {@code load}, which must verify a whole archive
     * before any of it may appear. {@link #publish} makes it a blob; the store's close removes what
     * was never published.
     *
     * @param expected the digest the bytes must have, or null to accept whatever they hash to
     * @param expectedSize the length they must have, or -1
     * @throws BlobCorruptedException when {@code expected} or {@code expectedSize} is not what arrived
     */
    public StagedBlob stage(InputStream in, Digest expected, long expectedSize) throws IOException {
        return writeTemp(expected, expectedSize, out -> in.transferTo(out), false);
    }

    /**
     * Like {@link #stage}, and fsyncs the file as it ends: for a caller that publishes what it stages
     * unless something else fails (pull), and stages several blobs at once, so that each fsync overlaps
     * the other transfers instead of all of them waiting in {@link #publishAll}.
     */
    public StagedBlob stageDurable(InputStream in, Digest expected, long expectedSize) throws IOException {
        return writeTemp(expected, expectedSize, out -> in.transferTo(out), true);
    }

    /**
     * Makes a staged blob part of the store (fsync, then rename), or only marks the existing blob as
     * in use when the store already has it.
     */
    public Descriptor publish(StagedBlob staged, String mediaType) throws IOException {
        publishAll(List.of(staged));
        return new Descriptor(mediaType, staged.digest(), staged.size());
    }

    /**
     * Makes staged blobs part of the store: each is fsynced (unless it was staged durable) and renamed
     * into place, and the directories they went into are synced once for all of them, rather than once
     * per blob. A blob the store already has is only marked in use.
     */
    public void publishAll(Collection<StagedBlob> staged) throws IOException {
        Set<Path> directories = new LinkedHashSet<>();
        for (StagedBlob blob : staged) {
            if (touch(blob.digest())) {
                blob.discard();
                continue;
            }
            if (!blob.durable()) {
                try (FileChannel channel = FileChannel.open(blob.file(), StandardOpenOption.WRITE)) {
                    channel.force(true); // staging skips the fsync: most staged files are never published
                }
            }
            Path target = layout.blob(blob.digest());
            try (StoreLock.Held held = lock.shared(options)) {
                AtomicFiles.move(blob.file(), target);
            }
            directories.add(target.getParent());
        }
        for (Path directory : directories) {
            AtomicFiles.syncDirectory(directory);
        }
    }

    private StagedBlob writeTemp(Digest expected, long expectedSize, Content content, boolean fsync)
            throws IOException {
        Path temp = session.newPath("blob");
        boolean kept = false;
        DigestingOutputStream digesting = null;
        try {
            try (DirectOutput file = new DirectOutput(temp)) {
                digesting = new DigestingOutputStream(file);
                OutputStream buffered = new BufferedOutputStream(digesting, BUFFER);
                content.writeTo(buffered);
                buffered.flush();
                if (fsync) {
                    file.finish();
                }
            }
            Digest digest = digesting.digest();
            if (expected != null && !expected.equals(digest)) {
                throw new BlobCorruptedException(expected, digest);
            }
            if (expected != null && expectedSize >= 0 && expectedSize != digesting.size()) {
                throw new BlobCorruptedException(expected, expectedSize, digesting.size());
            }
            kept = true;
            return new StagedBlob(temp, digest, digesting.size(), fsync);
        } finally {
            if (!kept) {
                if (digesting != null) {
                    digesting.abandon();
                }
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * The blob's bytes, verified: reading to the end throws {@link BlobCorruptedException} instead of
     * returning -1 when they do not hash to {@code digest}.
     *
     * @throws BlobNotFoundException when the store has no such blob
     */
    public InputStream open(Digest digest) throws IOException {
        return open(digest, -1);
    }

    /** Like {@link #open(Digest)}, also checking the descriptor's size. */
    public InputStream open(Descriptor descriptor) throws IOException {
        return open(descriptor.digest(), descriptor.size());
    }

    private InputStream open(Digest digest, long expectedSize) throws IOException {
        InputStream file;
        try {
            file = Files.newInputStream(layout.blob(digest));
        } catch (NoSuchFileException e) {
            Optional<SplitLayers.Split> split = splits.find(digest);
            if (split.isEmpty()) {
                throw new BlobNotFoundException(digest);
            }
            file = splits.open(split.get());
        }
        return new VerifyingInputStream(new BufferedInputStream(file, BUFFER), digest, expectedSize);
    }

    /** The whole blob, verified; for small JSON blobs only. */
    public byte[] read(Digest digest) throws IOException {
        try (InputStream in = open(digest)) {
            return in.readAllBytes(); // reads up to -1, which is where the digest is checked
        }
    }

    /**
     * Reads the blob to its end and reports whether it is intact, without throwing for corruption.
     *
     * @return null when intact, else the digest it really has
     */
    Digest verify(Digest digest) throws IOException {
        try (InputStream in = open(digest)) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (BlobCorruptedException e) {
            return e.actual();
        }
    }

    public boolean has(Digest digest) {
        if (Files.isRegularFile(layout.blob(digest))) {
            return true;
        }
        try {
            return splits.find(digest).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Marks an existing blob as in use by this process, so that a collector running in another
     * process before this one references it leaves it alone. Call it instead of {@link #has} when you
     * are about to reuse a blob you did not just write.
     *
     * @return false when the blob is not there (write it)
     */
    public boolean touch(Digest digest) throws IOException {
        try (StoreLock.Held held = lock.shared(options)) {
            Path file = layout.blob(digest);
            if (!Files.isRegularFile(file)) {
                Optional<SplitLayers.Split> split = splits.find(digest);
                if (split.isPresent()) {
                    splits.touch(split.get());
                }
                return split.isPresent();
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return true;
        }
    }

    /** The blob's length in bytes. */
    public long size(Digest digest) throws IOException {
        try {
            return Files.size(layout.blob(digest));
        } catch (NoSuchFileException e) {
            return splits.find(digest).orElseThrow(() -> new BlobNotFoundException(digest)).size();
        }
    }

    /** The bytes the blob takes in the store: its file, or for a layer kept as a tar split, the split; 0 when absent. */
    public long storedSize(Digest digest) throws IOException {
        try {
            return Files.size(layout.blob(digest));
        } catch (NoSuchFileException e) {
            Optional<SplitLayers.Split> split = splits.find(digest);
            return split.isPresent() ? Files.size(split.get().split()) : 0;
        }
    }

    /**
     * Where the blob lives, for consumers that read it without a copy (sendfile) and verify it
     * themselves. Never write to it. A blob kept as a tar split is written out, verified, into this
     * process's temp area (gone when the store is closed): the store keeps one copy of a layer.
     */
    public Path path(Digest digest) throws IOException {
        Path file = layout.blob(digest);
        if (!Files.isRegularFile(file)) {
            Optional<SplitLayers.Split> split = splits.find(digest);
            if (split.isPresent()) {
                Path copy = session.dir().resolve("materialized-" + digest.hex()); // one per session, reused
                if (!Files.isRegularFile(copy)) {
                    splits.materialize(split.get(), copy);
                }
                return copy;
            }
        }
        return file;
    }

    /** Removes a blob; false when it was not there. Nothing checks whether an image still needs it. */
    public boolean delete(Digest digest) throws IOException {
        try (StoreLock.Held held = lock.exclusive(options)) {
            return Files.deleteIfExists(layout.blob(digest));
        }
    }

    /** Every blob in the store; files whose names are not digests are skipped. */
    public List<Digest> list() throws IOException {
        List<Digest> digests = new ArrayList<>();
        if (!Files.isDirectory(layout.blobsDir())) {
            return digests;
        }
        try (Stream<Path> files = Files.list(layout.blobsDir())) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (Digest.isHex(name)) {
                    digests.add(Digest.ofHex(name));
                }
            });
        }
        digests.sort(null);
        return digests;
    }
}
