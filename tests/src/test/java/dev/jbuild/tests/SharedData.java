package dev.jbuild.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data the tests read: BuildKit's conformance files, in the repository ({@code testdata/buildkit}), and
 * the real-world corpus, beside a checkout in {@code ../shared/corpus} when it is there. Tests over the corpus
 * run whenever it is present, must run in CI, and are skipped with a notice otherwise ({@link RequiredTools}).
 */
public final class SharedData {
    private SharedData() {}

    /** A file or directory of {@code testdata/buildkit}: the surefire property, else found from the module directory. */
    public static Path conformance(String relative) {
        String configured = System.getProperty("jbuild.conformance");
        Path root = Path.of(configured != null && !configured.isBlank() ? configured : "../testdata/buildkit")
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("parser"))) {
            throw new IllegalStateException("BuildKit's conformance files are missing from " + root
                    + ": they are part of the repository (testdata/buildkit)");
        }
        return root.resolve(relative);
    }

    /** {@code corpus/realworld} of the shared data; skips the test (fails it in CI) when it is not there. */
    public static Path realWorldCorpus() {
        String configured = System.getProperty("jbuild.shared");
        Path corpus = Path.of(configured != null ? configured : "../../shared").resolve("corpus/realworld")
                .toAbsolutePath().normalize();
        RequiredTools.requireThat(Files.isDirectory(corpus), "the real-world corpus is not at " + corpus
                + " (a directory beside the checkout; set -Djbuild.shared=DIR)");
        return corpus;
    }
}
