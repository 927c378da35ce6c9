package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * Owner, mode and times of one entry, never following a symlink. Once jnr-posix is loaded ({@link Posix})
 * each is one system call; until then the JDK's {@code unix:} view does the same with more (it sets owner
 * and group by two lchown calls, and times by opening the file), which costs a small COPY nothing and
 * saves it the hundreds of milliseconds jnr takes to bind libc in a fresh process. A caller about to set
 * the attributes of many entries says so ({@link #expect}), so that jnr-posix loads on a background
 * thread while the first entries go through the JDK: the results are the same either way.
 */
public final class EntryAttributes {
    /** From this many entries on, a batch is worth loading jnr-posix for (see {@link #expect}). */
    static final int BULK_ENTRIES = 1000;

    /** Tests pin one path; null lets readiness decide. */
    static volatile Boolean forcePosix;

    private EntryAttributes() {
    }

    /** Announces a batch of {@code entries} entries; a large one starts loading jnr-posix. */
    public static void expect(long entries) {
        if (entries >= BULK_ENTRIES) {
            Posix.preload();
        }
    }

    /** Owner and group of the entry itself, never following a symlink. */
    public static void chown(Path path, int uid, int gid) throws IOException {
        if (usePosix()) {
            Posix.lchown(path, uid, gid);
        } else {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Permission, setuid, setgid and sticky bits of a file or directory (never call it on a symlink). */
    public static void chmod(Path path, int mode) throws IOException {
        if (usePosix()) {
            Posix.chmod(path, mode);
        } else {
            Files.setAttribute(path, "unix:mode", mode & 07777);
        }
    }

    /** Access and modification time of a regular file, directory or symlink (a symlink's own). */
    public static void setTimes(Path path, FileTime time) throws IOException {
        if (usePosix()) {
            Posix.setTimes(path, time);
        } else {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, time, null);
        }
    }

    private static boolean usePosix() {
        Boolean forced = forcePosix;
        return forced != null ? forced : Posix.ready();
    }
}
