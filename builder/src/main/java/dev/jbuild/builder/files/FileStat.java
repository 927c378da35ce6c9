package dev.jbuild.builder.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One lstat(2), read through the JDK's {@code unix:} view (a single system call, no user-name lookups).
 *
 * @param mode the full st_mode: type and permission bits
 */
record FileStat(int mode, int uid, int gid, long size, FileTime mtime, FileTime ctime, long ino, long dev,
                long nlink, long rdev) {
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ctime,ino,dev,nlink,rdev";
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int FIFO = 0010000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    /** The entry itself (a symlink is not followed), or null when nothing is there. */
    static FileStat lstat(Path path) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.file.FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return null;
            }
            throw e;
        }
        return new FileStat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"),
                (Long) a.get("ino"), (Long) a.get("dev"), ((Number) a.get("nlink")).longValue(),
                (Long) a.get("rdev"));
    }

    boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    boolean isRegular() {
        return (mode & TYPE_MASK) == REGULAR;
    }

    boolean isSymlink() {
        return (mode & TYPE_MASK) == SYMLINK;
    }

    boolean isFifo() {
        return (mode & TYPE_MASK) == FIFO;
    }

    boolean isDevice() {
        int type = mode & TYPE_MASK;
        return type == CHAR_DEVICE || type == BLOCK_DEVICE;
    }

    boolean isBlockDevice() {
        return (mode & TYPE_MASK) == BLOCK_DEVICE;
    }

    /** Permission and setuid/setgid/sticky bits. */
    int permissions() {
        return mode & 07777;
    }

    /** One letter per type, stable across machines, for digests. */
    char typeLetter() {
        return switch (mode & TYPE_MASK) {
            case DIRECTORY -> 'd';
            case REGULAR -> 'f';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            default -> 's';
        };
    }

    /** Linux's encoding of dev_t, as glibc's major()/minor() read it. */
    int deviceMajor() {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    int deviceMinor() {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    long mtimeNanos() {
        return nanos(mtime);
    }

    long ctimeNanos() {
        return nanos(ctime);
    }

    private static long nanos(FileTime time) {
        java.time.Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
