package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data the tests read: BuildKit's conformance files, in the repository ({@code testdata/buildkit}), and
 * the real-world corpus, beside a checkout in {@code ../shared/corpus} when it is there. Tests over the corpus
 * run whenever it is present, must run in CI ({@code CI} set: a missing corpus fails them), and are skipped
 * with a notice otherwise.
 */
final class SharedData {
    private SharedData() {}

    /** {@code testdata/buildkit}: the surefire property, else found from the module directory. */
    static Path conformance() {
        String configured = System.getProperty("jbuild.conformance");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../testdata/buildkit");
        if (!Files.isDirectory(path.resolve("parser"))) {
            throw new IllegalStateException("BuildKit's conformance files are missing from " + path.toAbsolutePath()
                    + ": they are part of the repository (testdata/buildkit)");
        }
        return path;
    }

    /** {@code corpus/realworld} of the shared data; skips the test (fails it in CI) when it is not there. */
    static Path realWorldCorpus() {
        String configured = System.getProperty("jbuild.shared");
        Path shared = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../../shared");
        Path corpus = shared.resolve("corpus/realworld");
        if (!Files.isDirectory(corpus)) {
            String missing = "the real-world corpus is not at " + corpus.toAbsolutePath().normalize()
                    + " (a directory beside the checkout; set -Djbuild.shared=DIR)";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail(missing + ": CI must provide it");
            }
            System.err.println("NOTICE: test skipped: " + missing);
            assumeTrue(false, missing);
        }
        return corpus;
    }
}
