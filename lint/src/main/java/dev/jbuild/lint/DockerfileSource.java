package dev.jbuild.lint;

import dev.jbuild.parser.ignore.DockerIgnore;
import java.util.Objects;

/**
 * One Dockerfile to lint.
 *
 * @param name the name findings use ({@code Dockerfile}, {@code ci/Dockerfile.test})
 * @param text the file's content
 * @param dockerignore the ignore rules of its build context, or null when it has none (CopyIgnoredFile)
 */
public record DockerfileSource(String name, String text, DockerIgnore dockerignore) {
    public DockerfileSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    public DockerfileSource(String name, String text) {
        this(name, text, null);
    }
}
