package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a diff compares of one file system entry, read without following symlinks. Overlay
 * bookkeeping attributes are left out: they describe how overlayfs stores the entry, not the entry.
 *
 * @param mode the full st_mode, type bits included
 * @param rdev the device number (0 unless a device)
 * @param linkTarget the symlink's target, null for other types
 */
record EntryInfo(int mode, int uid, int gid, long size, Instant mtime, long rdev, String linkTarget,
                 Map<String, byte[]> xattrs) {
    private static final int TYPE_MASK = 0170000;
    static final int DIRECTORY = 0040000;
    static final int REGULAR = 0100000;
    static final int SYMLINK = 0120000;
    static final int CHAR_DEVICE = 0020000;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,rdev";

    static EntryInfo read(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        String target = (mode & TYPE_MASK) == SYMLINK ? Files.readSymbolicLink(path).toString() : null;
        Map<String, byte[]> xattrs = new TreeMap<>(Xattrs.readAll(path));
        xattrs.keySet().removeIf(OverlayFormat::isOverlayAttribute);
        return new EntryInfo(mode, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
                (Long) attributes.get("size"), ((FileTime) attributes.get("lastModifiedTime")).toInstant(),
                (Long) attributes.get("rdev"), target, xattrs);
    }

    /** Only what decides how an entry is treated: its type and, for devices, its number. */
    static EntryInfo readType(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        return new EntryInfo((Integer) attributes.get("mode"), 0, 0, 0, Instant.EPOCH,
                (Long) attributes.get("rdev"), null, Map.of());
    }

    int type() {
        return mode & TYPE_MASK;
    }

    boolean isDirectory() {
        return type() == DIRECTORY;
    }

    boolean isRegularFile() {
        return type() == REGULAR;
    }

    /** Overlayfs marks a deleted path with a character device 0/0. */
    boolean isOverlayWhiteout() {
        return OverlayFormat.isWhiteout(mode, rdev);
    }

    /**
     * Same type, permissions, owner, mtime (to the nanosecond), xattrs and, for non-directories,
     * size, link target and device number. A directory's size is the file system's business.
     */
    boolean sameMetadata(EntryInfo other) {
        if (mode != other.mode || uid != other.uid || gid != other.gid || !mtime.equals(other.mtime)
                || !sameXattrs(other)) {
            return false;
        }
        if (isDirectory()) {
            return true;
        }
        return size == other.size && rdev == other.rdev && Objects.equals(linkTarget, other.linkTarget);
    }

    /**
     * Whether equal metadata may hide a content change: both mtimes are whole seconds, as left by
     * tar extraction or {@code touch -d}, so a rewrite that restored the mtime cannot be ruled out.
     * A real write sets a nanosecond mtime, which no copy reproduces by accident.
     */
    boolean contentAmbiguous() {
        return isRegularFile() && size > 0 && mtime.getNano() == 0;
    }

    private boolean sameXattrs(EntryInfo other) {
        if (!xattrs.keySet().equals(other.xattrs.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : xattrs.entrySet()) {
            if (!Arrays.equals(entry.getValue(), other.xattrs.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
