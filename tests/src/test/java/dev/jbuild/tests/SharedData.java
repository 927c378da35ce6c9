package dev.jbuild.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data and real-world corpus live beside the repository in {@code ../shared}; tests read
 * them from there and never copy them in. Missing data is a failure, not a skip: CI always has it.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("jbuild.shared");
        Path root = Path.of(configured != null ? configured : "../../shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("conformance"))) {
            throw new IllegalStateException("shared test data not found at " + root + " (set -Djbuild.shared=DIR)");
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
