package dev.jbuild.parser.ignore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ignore file applies to a build. Docker (with BuildKit) first looks for a Dockerfile-specific
 * file: the Dockerfile's own path with {@code .dockerignore} appended, so {@code Dockerfile.test}
 * uses {@code Dockerfile.test.dockerignore} beside it, and {@code build/app.Dockerfile} uses
 * {@code build/app.Dockerfile.dockerignore}. If that file exists it wins; otherwise
 * {@code .dockerignore} at the root of the context applies; otherwise nothing is ignored.
 * The two files are never merged.
 */
public final class IgnoreFiles {
    static final String SUFFIX = ".dockerignore";

    private IgnoreFiles() {
    }

    /**
     * @param contextDir the build context root
     * @param dockerfile the Dockerfile as the user named it; a relative path is taken as Java resolves
     *                   it (against the working directory), which is how {@code docker build -f}
     *                   treats it, so callers should pass what the user typed or an absolute path
     * @return the ignore file to read, or empty when the build has none
     */
    public static Optional<Path> locate(Path contextDir, Path dockerfile) {
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(dockerfile, "dockerfile");
        Path fileName = dockerfile.getFileName();
        if (fileName != null) {
            Path specific = dockerfile.resolveSibling(fileName + SUFFIX);
            if (Files.isRegularFile(specific)) {
                return Optional.of(specific);
            }
        }
        Path shared = contextDir.resolve(SUFFIX);
        return Files.isRegularFile(shared) ? Optional.of(shared) : Optional.empty();
    }
}
