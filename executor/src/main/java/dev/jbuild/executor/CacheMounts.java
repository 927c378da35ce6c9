package dev.jbuild.executor;

import dev.jbuild.layertar.DirectoryRename;
import dev.jbuild.platform.CacheSharing;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The persistent directories behind {@code type=cache} mounts: {@code <root>/<sha256(id)>/<n>}, where
 * instance 0 is the cache and further instances exist for {@link CacheSharing#PRIVATE} users who
 * found it busy.
 *
 * <p>Sharing is enforced across processes with {@code flock}-style file locks on
 * {@code <n>.lock} (shared for SHARED, exclusive for LOCKED and PRIVATE), and within this JVM by a
 * small reader/writer state per instance, because the JVM refuses overlapping file locks of its own.
 */
final class CacheMounts {
    private static final Map<Path, Instance> INSTANCES = new ConcurrentHashMap<>();
    static final String ID_FILE = "id";

    private CacheMounts() {
    }

    /** A cache directory held for one step; closing releases it. */
    interface Lease extends AutoCloseable {
        Path directory();

        @Override
        void close() throws IOException;
    }

    static Lease acquire(Path cacheRoot, MountSpec.Cache cache) throws IOException, InterruptedException {
        Path base = cacheRoot.resolve(sha256(cache.id()));
        Files.createDirectories(base);
        Path idFile = base.resolve(ID_FILE);
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, cache.id() + "\n", StandardCharsets.UTF_8);
        }
        CacheMountInfo.remember(base, cache);
        switch (cache.sharing()) {
            case SHARED -> {
                return instance(base, 0).acquire(false, true, cache);
            }
            case LOCKED -> {
                return instance(base, 0).acquire(true, true, cache);
            }
            default -> {
                for (int n = 0; ; n++) {
                    Lease lease = instance(base, n).acquire(true, false, cache);
                    if (lease != null) {
                        return lease;
                    }
                }
            }
        }
    }

    /**
     * Runs {@code work} on the cache's instance 0 while holding it exclusively (as a LOCKED user would),
     * for export and import, which must not see or leave a half-written cache.
     */
    static void exclusively(Path cacheRoot, MountSpec.Cache cache, LeaseWork work) throws IOException,
            InterruptedException {
        Path base = cacheRoot.resolve(sha256(cache.id()));
        Files.createDirectories(base);
        Path idFile = base.resolve(ID_FILE);
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, cache.id() + "\n", StandardCharsets.UTF_8);
        }
        try (Lease lease = instance(base, 0).acquire(true, true, cache)) {
            work.run(lease.directory());
        }
    }

    /** What is done to a cache directory while it is held. */
    @FunctionalInterface
    interface LeaseWork {
        void run(Path directory) throws IOException;
    }

    static String directoryName(String id) {
        return sha256(id);
    }

    private static Instance instance(Path base, int number) {
        Path directory = base.resolve(Integer.toString(number));
        return INSTANCES.computeIfAbsent(directory, d -> new Instance(d, base.resolve(number + ".lock")));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One cache directory: how many in this JVM use it, and the file lock held on their behalf. */
    private static final class Instance {
        private final Path directory;
        private final Path lockFile;
        private int readers;
        private boolean writer;
        private FileChannel channel;
        private FileLock lock;

        Instance(Path directory, Path lockFile) {
            this.directory = directory;
            this.lockFile = lockFile;
        }

        /**
         * @param wait false to give up (return null) when the instance is busy instead of waiting
         */
        synchronized Lease acquire(boolean exclusive, boolean wait, MountSpec.Cache cache)
                throws IOException, InterruptedException {
            while (writer || (exclusive && readers > 0)) {
                if (!wait) {
                    return null;
                }
                wait();
            }
            if (readers == 0) {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                lock = wait ? channel.lock(0, Long.MAX_VALUE, !exclusive)
                        : channel.tryLock(0, Long.MAX_VALUE, !exclusive);
                if (lock == null) {
                    channel.close();
                    channel = null;
                    return null;
                }
            }
            if (exclusive) {
                writer = true;
            } else {
                readers++;
            }
            try {
                createIfMissing(cache);
            } catch (IOException e) {
                release(exclusive);
                throw e;
            }
            return new Lease() {
                private boolean closed;

                @Override
                public Path directory() {
                    return directory;
                }

                @Override
                public void close() throws IOException {
                    synchronized (Instance.this) {
                        if (!closed) {
                            closed = true;
                            release(exclusive);
                        }
                    }
                }
            };
        }

        private void release(boolean exclusive) throws IOException {
            if (exclusive) {
                writer = false;
            } else {
                readers--;
            }
            if (!writer && readers == 0) {
                try {
                    lock.release();
                } finally {
                    channel.close();
                    lock = null;
                    channel = null;
                }
            }
            notifyAll();
        }

        private void createIfMissing(MountSpec.Cache cache) throws IOException {
            if (Files.isDirectory(directory)) {
                return;
            }
            // Shared users of other processes may race to create it: build aside, rename into place.
            Path temporary = directory.resolveSibling(directory.getFileName() + ".new-" + Trees.randomId());
            Files.createDirectory(temporary);
            Files.setAttribute(temporary, "unix:uid", cache.uid());
            Files.setAttribute(temporary, "unix:gid", cache.gid());
            Files.setAttribute(temporary, "unix:mode", cache.mode() & 07777);
            if (!DirectoryRename.renameIfAbsent(temporary, directory)) {
                Files.delete(temporary);
            }
        }
    }
}
