package dev.jbuild.platform;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way jbuild measures and deletes trees. Trees here are unpacked layers, overlay diffs and
 * sandboxes: symlinks are never followed (a link is removed, never what it points to), entries that
 * vanish meanwhile are fine, read-only directories (a layer may hold them) are opened up first, and a
 * deletion never crosses into another file system: should an unmount have failed, what is mounted there
 * (a build context, a cache) must survive.
 */
public final class FileTrees {
    private FileTrees() {}

    /** Bytes of the regular files below {@code root}, not following symlinks; missing is 0. */
    public static long size(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] bytes = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                bytes[0] += attrs.isRegularFile() ? attrs.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                return skipVanished(exc);
            }
        });
        return bytes[0];
    }

    /**
     * Deletes a file or a whole tree; returns the bytes of regular files freed. Refuses, with an
     * {@link IOException}, to enter a directory on another file system than {@code path}'s.
     */
    public static long delete(Path path) throws IOException {
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (!top.isDirectory()) {
            deleteOne(path);
            return top.isRegularFile() ? top.size() : 0;
        }
        String device = device(top);
        long[] freed = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (device != null && !device.equals(device(attrs))) {
                    throw new IOException("refusing to delete " + dir + ": it is a mount point");
                }
                dir.toFile().setWritable(true, true);
                dir.toFile().setExecutable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                freed[0] += attrs.isRegularFile() ? attrs.size() : 0;
                deleteOne(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                return skipVanished(exc);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                deleteOne(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return freed[0];
    }

    /** Deletes everything inside {@code directory}, keeping the directory itself. */
    public static void deleteChildren(Path directory) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                delete(child);
            }
        }
    }

    /**
     * The device part of the walk's own file key, {@code (dev=803,ino=12)} on Linux: the mount check
     * costs no system call beyond the stat the walk makes anyway. Null where the JDK gives no key.
     */
    private static String device(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (key == null) {
            return null;
        }
        String text = key.toString();
        int comma = text.indexOf(',');
        return comma < 0 ? text : text.substring(0, comma);
    }

    private static void deleteOne(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (AccessDeniedException e) {
            path.getParent().toFile().setWritable(true, true);
            path.toFile().setWritable(true, true);
            Files.deleteIfExists(path);
        }
    }

    /** A file that vanished during a walk (another process removed it) is skipped; other failures are not. */
    private static FileVisitResult skipVanished(IOException exc) throws IOException {
        if (exc instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw exc;
    }
}
