package dev.jbuild.builder.files;

import dev.jbuild.platform.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Content digests of one source tree's files, remembered by (path, size, mtime, inode, ctime): an unchanged
 * file is never read again, so re-checking a large unchanged context costs one lstat per file. Kept in memory
 * and, when a file is given, persisted there (written to a temporary file and moved into place, so a reader
 * never sees half of it; a damaged or foreign file is ignored).
 *
 * <p>A file modified again within the timestamp granularity right after it was hashed would keep its old
 * stamp; entries whose mtime or ctime is less than {@link #RACY_WINDOW_NANOS} old are therefore used once and
 * not remembered (git's "racily clean" rule).
 */
final class ContentHashCache {
    private static final int MAGIC = 0x4a42434b; // "JBCK"
    private static final int VERSION = 1;
    private static final long RACY_WINDOW_NANOS = 1_000_000_000L;
    private static final int BUFFER = 128 * 1024;

    /** What the cache knows about one file. */
    private record Known(long size, long mtimeNanos, long ino, long ctimeNanos, byte[] sha256) {
        boolean matches(FileStat stat) {
            return size == stat.size() && mtimeNanos == stat.mtimeNanos() && ino == stat.ino()
                    && ctimeNanos == stat.ctimeNanos();
        }
    }

    private final Path file;
    private final Path root;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicLong contentReads = new AtomicLong();
    private volatile boolean dirty;

    /**
     * @param root the source root the keys are relative to
     * @param file where the cache persists, or null to keep it in memory only
     */
    ContentHashCache(Path root, Path file) {
        this.root = root;
        this.file = file;
        if (file != null) {
            load();
        }
    }

    /** The sha256 of the regular file at {@code path}, read only when its stamp changed. */
    byte[] sha256(String key, Path path, FileStat stat) throws IOException {
        used.add(key);
        Known entry = known.get(key);
        if (entry != null && entry.matches(stat)) {
            return entry.sha256;
        }
        byte[] digest = hash(path);
        long now = System.currentTimeMillis() * 1_000_000L;
        if (now - stat.mtimeNanos() > RACY_WINDOW_NANOS && now - stat.ctimeNanos() > RACY_WINDOW_NANOS) {
            known.put(key, new Known(stat.size(), stat.mtimeNanos(), stat.ino(), stat.ctimeNanos(), digest));
            dirty = true;
        }
        return digest;
    }

    /** How many files the cache knows. */
    int size() {
        return known.size();
    }

    /** How many times file contents were read (a test hook: a cache hit reads nothing). */
    long contentReads() {
        return contentReads.get();
    }

    /** Writes the cache file if anything was learnt since it was read or last written. */
    synchronized void persist() throws IOException {
        if (file == null || !dirty) {
            return;
        }
        dirty = false;
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, BUFFER))) {
                pruneDeletedFiles();
                Map<String, Known> snapshot = Map.copyOf(known);
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(snapshot.size());
                for (Map.Entry<String, Known> e : snapshot.entrySet()) {
                    byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(key.length);
                    out.write(key);
                    Known k = e.getValue();
                    out.writeLong(k.size);
                    out.writeLong(k.mtimeNanos);
                    out.writeLong(k.ino);
                    out.writeLong(k.ctimeNanos);
                    out.write(k.sha256);
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Entries read from disk but not used by this process are kept only while their file exists. */
    private void pruneDeletedFiles() {
        known.keySet().removeIf(key -> !used.contains(key)
                && !Files.exists(root.resolve(key), LinkOption.NOFOLLOW_LINKS));
    }

    private void load() {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, BUFFER))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[in.readInt()];
                in.readFully(key);
                long size = in.readLong();
                long mtime = in.readLong();
                long ino = in.readLong();
                long ctime = in.readLong();
                byte[] sha = new byte[32];
                in.readFully(sha);
                known.put(new String(key, StandardCharsets.UTF_8), new Known(size, mtime, ino, ctime, sha));
            }
        } catch (NoSuchFileException e) {
            // first use
        } catch (IOException | RuntimeException e) {
            known.clear(); // a damaged cache only costs re-reading the files
        }
    }

    private byte[] hash(Path path) throws IOException {
        contentReads.incrementAndGet();
        MessageDigest sha = Sha256.newDigest();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
            }
        }
        return sha.digest();
    }
}
