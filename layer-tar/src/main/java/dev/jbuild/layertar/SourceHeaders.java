package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the tar header of a file in the source tree, like BuildKit's layer writer: numeric
 * ownership without names, permission and setuid/setgid/sticky bits, whole-second mtime clamped to
 * SOURCE_DATE_EPOCH, no atime/ctime, device numbers, and the second and later names of an inode
 * as hardlinks to the first.
 */
final class SourceHeaders {
    private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,rdev,nlink,uid,gid,size,lastModifiedTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 060000;
    private static final int S_IFDIR = 040000;
    private static final int S_IFCHR = 020000;
    private static final int S_IFIFO = 010000;

    private final WriterOptions options;
    private final Map<String, Map<String, byte[]>> xattrsByPath;
    /** "dev:ino" of each multiply-linked inode already written, with the name it was written under. */
    private final Map<String, String> firstNameByInode = new HashMap<>();

    SourceHeaders(WriterOptions options, Map<String, Map<String, byte[]>> xattrsByPath) {
        this.options = options;
        this.xattrsByPath = xattrsByPath;
    }

    /** The header for {@code file}, named {@code relativePath} in the layer; null for sockets, which layers do not hold. */
    TarHeader headerFor(Path file, String relativePath) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        int format = mode & S_IFMT;
        if (format == S_IFSOCK) {
            return null;
        }
        String base = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        if (Whiteouts.isWhiteout(base)) {
            throw new IOException("cannot put " + file + " in a layer: names starting with '"
                    + Whiteouts.PREFIX + "' are whiteouts in the OCI layer format");
        }
        long uid = Integer.toUnsignedLong((Integer) attributes.get("uid"));
        long gid = Integer.toUnsignedLong((Integer) attributes.get("gid"));
        long mtime = options.clampMtime(((FileTime) attributes.get("lastModifiedTime")).toInstant().getEpochSecond());
        int permissions = mode & 07777;
        SortedMap<String, byte[]> xattrs = recordedXattrs(relativePath);

        TarEntryType type;
        String name = relativePath;
        String linkName = "";
        long size = 0;
        int major = 0;
        int minor = 0;
        switch (format) {
            case S_IFDIR -> {
                type = TarEntryType.DIRECTORY;
                name = relativePath + "/";
            }
            case S_IFREG -> {
                type = TarEntryType.REGULAR;
                size = (Long) attributes.get("size");
            }
            case S_IFLNK -> {
                type = TarEntryType.SYMLINK;
                linkName = Files.readSymbolicLink(file).toString();
            }
            case S_IFIFO -> type = TarEntryType.FIFO;
            case S_IFCHR, S_IFBLK -> {
                type = format == S_IFCHR ? TarEntryType.CHAR_DEVICE : TarEntryType.BLOCK_DEVICE;
                long rdev = (Long) attributes.get("rdev");
                major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
                minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
            }
            default -> throw new IOException("unknown file type " + Integer.toOctalString(format) + ": " + file);
        }
        if (type != TarEntryType.DIRECTORY && (Integer) attributes.get("nlink") > 1) {
            String inode = attributes.get("dev") + ":" + attributes.get("ino");
            String first = firstNameByInode.putIfAbsent(inode, relativePath);
            if (first != null) {
                type = TarEntryType.HARDLINK;
                linkName = first;
                size = 0;
            }
        }
        return new TarHeader(name, type, permissions, uid, gid, size, mtime, linkName, major, minor,
                xattrs);
    }

    private SortedMap<String, byte[]> recordedXattrs(String relativePath) {
        Map<String, byte[]> all = xattrsByPath.get(relativePath);
        SortedMap<String, byte[]> recorded = new TreeMap<>(CodePointOrder.COMPARATOR);
        if (all != null) {
            all.forEach((name, value) -> {
                if (options.xattrPolicy().records(name)) {
                    recorded.put(name, value);
                }
            });
        }
        return recorded;
    }
}
