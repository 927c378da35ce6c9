package dev.jbuild.parser.instructions;

import java.util.Locale;

/** How concurrent builds share one cache mount ({@code sharing=}). */
public enum CacheSharing {
    /** Everyone uses the same directory at once; BuildKit's default. */
    SHARED,
    /** A busy cache makes another, private copy. */
    PRIVATE,
    /** A busy cache makes the next user wait. */
    LOCKED;

    /** The word as written in a Dockerfile. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
