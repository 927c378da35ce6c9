package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One syncfs(2) for a whole file system: what makes a tree of many files durable at once, where an
 * fsync of each file would cost a system call and a journal commit per file.
 */
public final class FileSystemSync {
    private static final int O_RDONLY_DIRECTORY_CLOEXEC = 0x10000 | 0x80000;

    private FileSystemSync() {
    }

    /** Writes everything pending on the file system that holds the directory {@code dir} to its disk. */
    public static void syncFileSystemOf(Path dir) throws IOException {
        LibC libc = Native.libc();
        int fd = libc.open(dir.toString(), O_RDONLY_DIRECTORY_CLOEXEC);
        if (fd < 0) {
            throw Native.failure("open", dir, Native.errno());
        }
        try {
            if (libc.syncfs(fd) != 0) {
                throw Native.failure("syncfs", dir, Native.errno());
            }
        } finally {
            libc.close(fd);
        }
    }
}
