package dev.jbuild.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deleting trees that unpacked layers made: symlinks are never followed, missing entries are fine, and
 * read-only directories (a layer may hold them) are opened up first.
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

    /** Deletes a file or a whole tree; returns the bytes of regular files freed. */
    public static long delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] freed = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
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
