package dev.jbuild.builder.frontend;

import java.nio.file.Path;
import java.util.Objects;

/** Where a build's context comes from. */
public sealed interface ContextSource {

    /** A directory on disk: {@code jbuild build DIR}. */
    record Directory(Path path) implements ContextSource {
        public Directory {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * {@code jbuild build -}: the request's stdin holds a tar of the context, or a bare Dockerfile and no
     * context at all, as with {@code docker build - < Dockerfile}.
     */
    record Stdin() implements ContextSource {}

    /**
     * No context: a Dockerfile read on its own ({@code parse}, {@code lint}); {@code .dockerignore} is looked
     * for in {@code ignoreRoot} when there is one (lint's {@code --context}, or the Dockerfile's directory).
     */
    record None(Path ignoreRoot) implements ContextSource {}
}
