package dev.jbuild.builder.files;

import dev.jbuild.platform.NativeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Owner, mode and times of one entry, never following a symlink; one system call each. */
final class Metadata {
    private Metadata() {
    }

    static void chown(Path path, int uid, int gid) throws IOException {
        NativeFiles.chown(path, uid, gid);
    }

    /**
     * Sets permission and setuid/setgid/sticky bits of a file or directory; call after {@link #chown},
     * which clears setuid. Never on a symlink: chmod(2) would follow it.
     */
    static void chmod(Path path, int mode) throws IOException {
        NativeFiles.chmod(path, mode);
    }

    /** Sets atime and mtime (a symlink's own). */
    static void setTimes(Path path, FileTime time) throws IOException {
        NativeFiles.setTimes(path, time);
    }
}
