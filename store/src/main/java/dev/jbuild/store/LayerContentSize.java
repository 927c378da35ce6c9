package dev.jbuild.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A layer's size as Docker counts it ({@code docker images}, {@code docker history}, the {@code Size}
 * of {@code docker inspect}): the layer unpacked, the sizes of what is not a directory added up, each
 * file once however many hard links it has. Docker walks the unpacked diff directory and adds
 * {@code lstat}'s size of every entry that is not a directory, skipping inodes it has seen; so a
 * regular file counts its bytes, a symlink the length of its target, a device, a FIFO and a whiteout
 * nothing, and a layer of directories alone (WORKDIR's) is 0 B. Read here from the layer tar, which is
 * that directory: a hard-link entry joins its target's inode, and a path written twice keeps only
 * its last entry.
 */
public final class LayerContentSize {
    private LayerContentSize() {
    }

    /**
     * The content size of the uncompressed layer tar {@code in}, read to its end (not closed).
     *
     * @throws IOException when the stream cannot be read, or is not a tar
     */
    public static long of(InputStream in) throws IOException {
        Counter counter = new Counter();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            counter.add(entry);
        }
        return counter.total();
    }

    /**
     * The content size of the uncompressed layer tar in {@code file}. Only the headers are read: the
     * file's contents are skipped by seeking, which a stream cannot do.
     *
     * @throws IOException when the file cannot be read, or is not a tar
     */
    public static long of(Path file) throws IOException {
        Counter counter = new Counter();
        try (TarFile tar = new TarFile(file)) {
            tar.getEntries().forEach(counter::add);
        }
        return counter.total();
    }

    /** The layer unpacked, as far as sizes go: which path is which inode, and each inode's size. */
    private static final class Counter {
        private final Map<String, Integer> inodeByPath = new HashMap<>();
        private final Map<Integer, Long> sizeByInode = new HashMap<>();

        void add(TarArchiveEntry entry) {
            String path = clean(entry.getName());
            if (entry.isDirectory()) {
                inodeByPath.remove(path);
                return;
            }
            if (entry.isLink()) {
                Integer target = inodeByPath.get(clean(entry.getLinkName()));
                if (target != null) {
                    inodeByPath.put(path, target);
                    return;
                }
                // a link to something outside the layer: Docker's applier makes it a file of its own
            }
            int inode = sizeByInode.size();
            long size = entry.isSymbolicLink() ? entry.getLinkName().getBytes(StandardCharsets.UTF_8).length
                    : entry.isFile() || entry.isLink() ? entry.getSize() : 0;
            sizeByInode.put(inode, size);
            inodeByPath.put(path, inode);
        }

        long total() {
            long total = 0;
            Set<Integer> counted = new HashSet<>();
            for (int inode : inodeByPath.values()) {
                if (counted.add(inode)) {
                    total += sizeByInode.get(inode);
                }
            }
            return total;
        }
    }

    /** {@code ./a/b/} and {@code a/b} name the same entry. */
    private static String clean(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
