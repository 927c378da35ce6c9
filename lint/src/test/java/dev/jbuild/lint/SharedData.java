package dev.jbuild.lint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the read-only shared data lives: the surefire property, else ../../shared from the module. */
final class SharedData {
    private SharedData() {}

    static Path root() {
        String configured = System.getProperty("jbuild.shared");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../../shared");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("shared data not found at " + path.toAbsolutePath() + " (set -Djbuild.shared)");
        }
        return path;
    }
}
