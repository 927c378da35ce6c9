package dev.jbuild.builder;

import java.nio.file.Path;

/**
 * A named build context ({@code --build-context NAME=VALUE}): what {@code FROM NAME},
 * {@code COPY --from=NAME} and {@code RUN --mount=from=NAME} read instead of an image or stage of that
 * name, as BuildKit resolves them.
 */
public sealed interface NamedContext {

    /** A local directory, read like the build context (with its own .dockerignore, not the main one). */
    record Directory(Path path) implements NamedContext {}

    /** An image of the store ({@code docker-image://REF}), standing in for the one named. */
    record Image(String reference) implements NamedContext {}
}
