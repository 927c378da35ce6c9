package dev.jbuild.cli.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the Dockerfiles under a directory: {@code Dockerfile}, {@code Containerfile}, {@code *.Dockerfile},
 * {@code Dockerfile.*}, {@code Containerfile.*} and names ending in {@code Dockerfile}, any case. Hidden
 * directories and {@code node_modules} are not entered; {@code .dockerignore} files are not Dockerfiles.
 */
final class DockerfileFinder {
    private DockerfileFinder() {}

    static boolean isDockerfileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".dockerignore") || n.endsWith(".md")) {
            return false;
        }
        return n.equals("dockerfile") || n.equals("containerfile") || n.endsWith("dockerfile")
                || n.startsWith("dockerfile.") || n.startsWith("containerfile.");
    }

    /** The Dockerfiles under {@code dir}, sorted by path. */
    static List<Path> find(Path dir) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    boolean skip = !d.equals(dir) && (name.startsWith(".") || name.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isDockerfileName(file.getFileName().toString())) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + dir + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }
}
