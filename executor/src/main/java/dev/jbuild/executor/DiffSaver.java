package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import dev.jbuild.layertar.Change;
import dev.jbuild.platform.Xattrs;
import dev.jbuild.layertar.SparseFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a list of changes of a tree as a directory in overlay format: changed entries copied with
 * their metadata (hardlinks kept), deletions as whiteout devices, opaque directories marked. Used
 * by the vfs driver, whose diff exists only as a list; the overlay driver's upper directory already
 * is one.
 */
final class DiffSaver {
    private final Path root;
    private final Path target;
    private final Map<Object, Path> copiedInodes = new HashMap<>();
    private final List<String> directories = new ArrayList<>();

    private DiffSaver(Path root, Path target) {
        this.root = root;
        this.target = target;
    }

    static void save(Path root, List<Change> changes, Path target) throws IOException {
        Files.createDirectory(target);
        DiffSaver saver = new DiffSaver(root, target);
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(Change::path));
        for (Change change : sorted) {
            saver.write(change);
        }
        saver.restoreDirectoryTimes();
    }

    private void write(Change change) throws IOException {
        String path = change.path();
        createParents(path);
        Path destination = target.resolve(path);
        switch (change.kind()) {
            case DELETED -> OverlayFormat.makeWhiteout(destination);
            case OPAQUE_DIR -> {
                copyDirectory(path);
                OverlayFormat.markOpaque(destination);
            }
            case ADDED, MODIFIED -> {
                if (Files.isDirectory(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                    copyDirectory(path);
                } else {
                    copyEntry(root.resolve(path), destination);
                }
            }
        }
    }

    private void createParents(String path) throws IOException {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            if (!Files.exists(target.resolve(parent), LinkOption.NOFOLLOW_LINKS)) {
                copyDirectory(parent);
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    private void copyDirectory(String path) throws IOException {
        Path destination = target.resolve(path);
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(destination);
            directories.add(path);
        }
        copyOwnershipModeAndXattrs(root.resolve(path), destination);
    }

    private void copyEntry(Path source, Path destination) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(source, "unix:dev,ino,nlink", LinkOption.NOFOLLOW_LINKS);
        Object inode = List.of(attributes.get("dev"), attributes.get("ino"));
        if ((Integer) attributes.get("nlink") > 1) {
            Path firstCopy = copiedInodes.get(inode);
            if (firstCopy != null) {
                Files.createLink(destination, firstCopy);
                return;
            }
            copiedInodes.put(inode, destination);
        }
        if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(destination, Files.readSymbolicLink(source));
        } else {
            // Holes stay holes; owner, mode, xattrs and time are copied below.
            SparseFiles.copy(source, destination);
        }
        copyOwnershipModeAndXattrs(source, destination);
        FileTime mtime = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS);
        Files.getFileAttributeView(destination, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(mtime, null, null);
    }

    private static void copyOwnershipModeAndXattrs(Path source, Path destination) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(source, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(destination, "unix:uid", attributes.get("uid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(destination, "unix:gid", attributes.get("gid"), LinkOption.NOFOLLOW_LINKS);
        if (!Files.isSymbolicLink(source)) {
            // After chown, which clears setuid and setgid.
            Files.setAttribute(destination, "unix:mode", (Integer) attributes.get("mode") & 07777);
        }
        for (Map.Entry<String, byte[]> xattr : Xattrs.readAll(source).entrySet()) {
            if (!OverlayFormat.isOverlayAttribute(xattr.getKey())) {
                Xattrs.set(destination, xattr.getKey(), xattr.getValue());
            }
        }
    }

    /** Directory times last, deepest first: creating entries inside a directory changes its mtime. */
    private void restoreDirectoryTimes() throws IOException {
        directories.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
        for (String path : directories) {
            FileTime mtime = Files.getLastModifiedTime(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
            Files.getFileAttributeView(target.resolve(path), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, null, null);
        }
    }
}
