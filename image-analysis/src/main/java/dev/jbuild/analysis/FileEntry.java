package dev.jbuild.analysis;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One path as a layer holds it, in the words an image diff speaks.
 *
 * @param path absolute, cleaned ({@code /etc/passwd}), never with a trailing slash; {@code /} for the root
 * @param linkTarget a symlink's target as written, a hard link's target path; empty otherwise
 * @param xattrs attribute name → SHA-256 of its value (hex), so that a changed value shows without
 *     holding binary values
 * @param contentDigest {@code sha256:<hex>} of a regular file's bytes, or null when not hashed
 */
public record FileEntry(String path, Kind kind, int mode, long uid, long gid, long size, String linkTarget,
                        SortedMap<String, String> xattrs, String contentDigest) {

    /** What a path is. */
    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        linkTarget = linkTarget == null ? "" : linkTarget;
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs == null ? java.util.Map.of() : xattrs));
    }

    public boolean isRegular() {
        return kind == Kind.FILE;
    }

    /** {@code -rw-r--r--}-style mode, with the type letter first. */
    public String modeString() {
        char type = switch (kind) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK -> 'h';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
            case FILE -> '-';
        };
        return type + String.format("%04o", mode & 07777);
    }
}
