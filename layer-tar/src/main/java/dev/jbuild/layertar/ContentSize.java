package dev.jbuild.layertar;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A layer's size as Docker counts it ({@code docker images}, {@code docker history}, the {@code Size} of
 * {@code docker inspect}), worked out entry by entry as a layer tar is read: Docker walks the unpacked layer
 * and adds {@code lstat}'s size of every entry that is not a directory, skipping inodes it has seen. So a
 * regular file counts its bytes, a hard link nothing more, a symlink the length of its target, a device, a
 * FIFO and a whiteout nothing, and a layer of directories alone (WORKDIR's) 0 B. A path written twice keeps
 * its last entry, as the unpacked layer does. Not thread-safe: one per layer.
 */
public final class ContentSize {
    private final Map<String, Integer> inodeByPath = new HashMap<>();
    private final Map<Integer, Long> sizeByInode = new HashMap<>();

    public void directory(String path) {
        inodeByPath.remove(clean(path));
    }

    /** A regular file of {@code size} bytes (a whiteout marker is one of 0 bytes). */
    public void file(String path, long size) {
        add(path, size);
    }

    /** A hard link to an earlier entry; to something not in the layer, Docker's applier makes a file of its own. */
    public void hardLink(String path, String target, long size) {
        Integer inode = inodeByPath.get(clean(target));
        if (inode == null) {
            add(path, size);
        } else {
            inodeByPath.put(clean(path), inode);
        }
    }

    public void symlink(String path, String target) {
        add(path, target.getBytes(StandardCharsets.UTF_8).length);
    }

    /** A device node or a FIFO. */
    public void special(String path) {
        add(path, 0);
    }

    /** The bytes counted so far. */
    public long total() {
        long total = 0;
        Set<Integer> counted = new HashSet<>();
        for (int inode : inodeByPath.values()) {
            if (counted.add(inode)) {
                total += sizeByInode.get(inode);
            }
        }
        return total;
    }

    private void add(String path, long size) {
        int inode = sizeByInode.size();
        sizeByInode.put(inode, size);
        inodeByPath.put(clean(path), inode);
    }

    /** {@code ./a/b/} and {@code a/b} name the same entry. */
    private static String clean(String name) {
        int start = 0;
        int end = name.length();
        while (true) {
            if (name.startsWith("./", start)) {
                start += 2;
            } else if (start < end && name.charAt(start) == '/') {
                start++;
            } else {
                break;
            }
        }
        while (end > start && name.charAt(end - 1) == '/') {
            end--;
        }
        return name.substring(start, end);
    }

    /** Counts one entry of this library's own reader. */
    void add(TarHeader header) {
        switch (header.type()) {
            case DIRECTORY -> directory(header.name());
            case REGULAR -> file(header.name(), header.size());
            case HARDLINK -> hardLink(header.name(), header.linkName(), header.size());
            case SYMLINK -> symlink(header.name(), header.linkName());
            case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> special(header.name());
        }
    }
}
