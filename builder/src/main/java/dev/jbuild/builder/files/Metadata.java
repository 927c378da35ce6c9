package dev.jbuild.builder.files;

import dev.jbuild.platform.EntryAttributes;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Owner, mode and times of one entry, never following a symlink (see {@link EntryAttributes}). */
final class Metadata {
    private Metadata() {
    }

    static void chown(Path path, int uid, int gid) throws IOException {
        EntryAttributes.chown(path, uid, gid);
    }

    /**
     * Sets permission and setuid/setgid/sticky bits of a file or directory; call after {@link #chown},
     * which clears setuid. Never on a symlink: chmod(2) would follow it.
     */
    static void chmod(Path path, int mode) throws IOException {
        EntryAttributes.chmod(path, mode);
    }

    /** Sets atime and mtime (a symlink's own). */
    static void setTimes(Path path, FileTime time) throws IOException {
        EntryAttributes.setTimes(path, time);
    }
}
