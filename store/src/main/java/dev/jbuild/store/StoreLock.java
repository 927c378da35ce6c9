package dev.jbuild.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's lock, across processes ({@link FileChannel#lock} on {@code <root>/lock}) and across
 * threads of this process (a read-write lock, because the JVM allows only one file lock per file and
 * process).
 *
 * <p><b>Shared</b> is held while publishing a blob or a snapshot: writers never block each other,
 * since renames of content-addressed files commute. <b>Exclusive</b> is held while changing the
 * reference table and while deleting anything: a collector then sees no half-published content, and
 * two table updates never lose each other's changes. Readers of references.json take no lock (the
 * file is only ever replaced by rename).
 *
 * <p>One instance per store root and JVM, shared by every {@link ImageStore} open on that root.
 */
final class StoreLock {
    private static final Map<Path, StoreLock> OPEN = new HashMap<>();
    private static final long POLL_MILLIS = 25;

    private final Path file;
    /** What the lock guards, for messages: "the store lock", "the build lock". */
    private final String name;
    /** Whether exclusive holders write their pid into the file, for waiters' messages. */
    private final boolean recordsOwner;
    private final FileChannel channel;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    private final Object sharedMonitor = new Object();
    private int users;
    private int sharedHolders;
    private FileLock sharedFileLock;

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private StoreLock(Path file, String name, boolean recordsOwner, FileChannel channel) {
        this.file = file;
        this.name = name;
        this.recordsOwner = recordsOwner;
        this.channel = channel;
    }

    static StoreLock acquire(Path lockFile) throws IOException {
        return acquire(lockFile, "the store lock", true);
    }

    /**
     * The lock running builds share and prune takes alone (see {@link ImageStore#holdForBuild}). Its
     * waiters are usually prunes waiting for builds, which hold it shared: a pid of the last exclusive
     * holder would name the wrong process, so none is kept.
     */
    static StoreLock acquireBuildLock(Path lockFile) throws IOException {
        return acquire(lockFile, "the build lock", false);
    }

    private static StoreLock acquire(Path lockFile, String name, boolean recordsOwner) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (OPEN) {
            StoreLock lock = OPEN.get(key);
            if (lock == null) {
                FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                lock = new StoreLock(key, name, recordsOwner, channel);
                OPEN.put(key, lock);
            }
            lock.users++;
            return lock;
        }
    }

    void release() throws IOException {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(file);
                channel.close();
            }
        }
    }

    Held exclusive(StoreOptions options) {
        if (threads.getReadHoldCount() > 0) {
            // A read lock cannot be upgraded: waiting here would wait for ourselves forever.
            throw new IllegalStateException(name + " is held shared by this thread; it cannot also take it alone");
        }
        threads.writeLock().lock();
        if (threads.writeLock().getHoldCount() > 1) {
            return () -> threads.writeLock().unlock();
        }
        FileLock fileLock;
        try {
            fileLock = lockFile(false, options);
            if (recordsOwner) {
                writeOwner();
            }
        } catch (RuntimeException | Error e) {
            threads.writeLock().unlock();
            throw e;
        } catch (IOException e) {
            threads.writeLock().unlock();
            throw new StoreCorruptedException("cannot lock the store at " + file.getParent() + ": " + e.getMessage(), e);
        }
        return () -> {
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // the channel is closed only when the last store closes; a failed release ends with the process
            } finally {
                threads.writeLock().unlock();
            }
        };
    }

    Held shared(StoreOptions options) {
        if (threads.isWriteLockedByCurrentThread()) {
            threads.readLock().lock();
            return () -> threads.readLock().unlock();
        }
        threads.readLock().lock();
        try {
            synchronized (sharedMonitor) {
                if (sharedHolders == 0) {
                    sharedFileLock = lockFile(true, options);
                }
                sharedHolders++;
            }
        } catch (RuntimeException | Error e) {
            threads.readLock().unlock();
            throw e;
        } catch (IOException e) {
            threads.readLock().unlock();
            throw new StoreCorruptedException("cannot lock the store at " + file.getParent() + ": " + e.getMessage(), e);
        }
        return () -> {
            try {
                synchronized (sharedMonitor) {
                    if (--sharedHolders == 0) {
                        sharedFileLock.release();
                        sharedFileLock = null;
                    }
                }
            } catch (IOException ignored) {
                // see exclusive()
            } finally {
                threads.readLock().unlock();
            }
        };
    }

    private FileLock lockFile(boolean shared, StoreOptions options) throws IOException {
        long start = System.nanoTime();
        boolean noticed = false;
        while (true) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return lock;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(options.lockTimeout()) >= 0) {
                throw new StoreLockedException(name + " on " + file.getParent() + " is held by another jbuild process"
                        + holder() + "; gave up after " + waited.toSeconds() + "s");
            }
            if (!noticed && waited.compareTo(options.lockNoticeAfter()) >= 0) {
                noticed = true;
                options.lockWaitNotice().accept("waiting for " + name + " on " + file.getParent() + ", held by another"
                        + " jbuild process" + holder());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreLockedException("interrupted while waiting for the store lock on " + file.getParent());
            }
        }
    }

    /** Records who holds the exclusive lock, so that a waiting process can say whom it waits for. */
    private void writeOwner() throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    /** Reads through our own channel: opening the lock file anew and closing it would drop our locks. */
    private String holder() {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer, 0);
            String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (last exclusive holder: pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
