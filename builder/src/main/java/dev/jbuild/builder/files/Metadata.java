package dev.jbuild.builder.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/** Owner, mode and times of one entry, never following a symlink. */
final class Metadata {
    private Metadata() {
    }

    static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sets permission and setuid/setgid/sticky bits; call after {@link #chown}, which clears setuid. */
    static void chmod(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
    }

    /** Sets atime and mtime (lutimes for symlinks). Not for FIFOs or devices: the JDK opens those. */
    static void setTimes(Path path, FileTime time) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(time, time, null);
    }
}
