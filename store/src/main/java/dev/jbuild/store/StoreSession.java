package dev.jbuild.store;

import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's scratch space in the store: {@code tmp/<uuid>/}, with an {@code owner} file locked
 * for as long as the store is open. Temp files and half-built snapshots live here, on the store's
 * file system so that publishing them is a rename.
 *
 * <p>The lock tells a collector which sessions are alive: a session whose owner file can be locked
 * belongs to a process that died (kill -9 included), and its directory is garbage. The owner file's
 * mtime is the session's start; a collector keeps every unreferenced blob or snapshot written after
 * the oldest live session started, because that session may be about to reference it.
 *
 * <p>Sessions of this JVM are known from a registry and never probed: on Linux, closing any
 * descriptor of a file drops every POSIX lock this process holds on it, so probing our own owner
 * file would silently unlock it.
 */
final class StoreSession implements AutoCloseable {
    static final String OWNER = "owner";
    /** A session directory without its owner file yet is taken as starting, not dead, for this long. */
    private static final Duration STARTING_GRACE = Duration.ofMinutes(1);
    private static final Set<Path> THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel ownerChannel;
    private final FileLock ownerLock;
    private final FileTime started;
    private final AtomicLong counter = new AtomicLong();

    private StoreSession(Path dir, FileChannel ownerChannel, FileLock ownerLock, FileTime started) {
        this.dir = dir;
        this.ownerChannel = ownerChannel;
        this.ownerLock = ownerLock;
        this.started = started;
    }

    static StoreSession start(StoreLayout layout) throws IOException {
        Files.createDirectories(layout.tmpDir());
        // pid and clock, not a random UUID: seeding SecureRandom costs a short command ~5 ms, and a
        // clash (a recycled pid in the same nanosecond) fails createDirectory instead of sharing a dir.
        Path dir = layout.tmpDir().resolve(ProcessHandle.current().pid() + "-" + System.nanoTime())
                .toAbsolutePath().normalize();
        THIS_JVM.add(dir);
        try {
            Files.createDirectory(dir);
            Path owner = dir.resolve(OWNER);
            FileChannel channel = FileChannel.open(owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return new StoreSession(dir, channel, lock, Files.getLastModifiedTime(owner));
        } catch (IOException | RuntimeException e) {
            THIS_JVM.remove(dir);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    FileTime started() {
        return started;
    }

    /** A fresh path (not created) for a temp file or directory. */
    Path newPath(String prefix) {
        return dir.resolve(prefix + "-" + counter.incrementAndGet());
    }

    /** A fresh, created temp directory. */
    Path newDirectory(String prefix) throws IOException {
        return Files.createDirectory(newPath(prefix));
    }

    /**
     * Whether the session that owns {@code sessionDir} is still running. A directory without an owner
     * file is a session that died while starting.
     *
     * @return the session's start time when it is alive, null when it is dead
     */
    static FileTime liveSince(Path sessionDir) throws IOException {
        Path owner = sessionDir.resolve(OWNER);
        if (THIS_JVM.contains(sessionDir.toAbsolutePath().normalize())) {
            return Files.getLastModifiedTime(owner);
        }
        if (!Files.isRegularFile(owner)) {
            FileTime created = Files.getLastModifiedTime(sessionDir);
            boolean starting = created.toInstant().isAfter(Instant.now().minus(STARTING_GRACE));
            return starting ? created : null;
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return Files.getLastModifiedTime(owner);
            }
            lock.release();
            return null;
        } catch (OverlappingFileLockException e) {
            return Files.getLastModifiedTime(owner);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            FileTrees.delete(dir);
        } finally {
            ownerLock.release();
            ownerChannel.close();
            THIS_JVM.remove(dir);
        }
    }
}
