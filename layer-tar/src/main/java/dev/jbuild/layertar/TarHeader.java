package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One tar entry's metadata after all extension headers are merged.
 *
 * @param name the entry name; directories end with '/'
 * @param mode permission bits plus setuid/setgid/sticky (07777), without file type bits
 * @param size bytes of data that follow (regular files only)
 * @param mtime modification time in whole seconds since the epoch
 * @param linkName symlink target or hardlink target name; "" otherwise
 * @param xattrs raw attribute values by name, in code point order of the names
 */
public record TarHeader(String name, TarEntryType type, int mode, long uid, long gid, long size, long mtime,
                 String linkName, int devMajor, int devMinor, SortedMap<String, byte[]> xattrs) {

    public TarHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        linkName = linkName == null ? "" : linkName;
        TreeMap<String, byte[]> copy = new TreeMap<>(CodePointOrder.COMPARATOR);
        if (xattrs != null) {
            copy.putAll(xattrs);
        }
        xattrs = Collections.unmodifiableSortedMap(copy);
    }

    /** A regular file of {@code size} bytes owned by 0:0, as archives of images hold their documents and blobs. */
    public static TarHeader regularFile(String name, long size, int mode, long mtime) {
        return new TarHeader(name, TarEntryType.REGULAR, mode, 0, 0, size, mtime, "", 0, 0, null);
    }

    /** A directory owned by 0:0; the name gets its trailing '/' here. */
    public static TarHeader directory(String name, int mode, long mtime) {
        return new TarHeader(name.endsWith("/") ? name : name + "/", TarEntryType.DIRECTORY, mode, 0, 0, 0, mtime, "",
                0, 0, null);
    }

    /** An empty regular file marking a whiteout or an opaque directory. */
    static TarHeader marker(String name, long mtime) {
        return new TarHeader(name, TarEntryType.REGULAR, 0, 0, 0, 0, mtime, "", 0, 0, null);
    }
}
