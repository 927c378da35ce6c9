package dev.jbuild.platform;

import java.util.Locale;

/**
 * How concurrent steps share one cache mount ({@code RUN --mount=type=cache,sharing=}), as in BuildKit:
 * one vocabulary for the Dockerfile and the sandbox that mounts the cache.
 */
public enum CacheSharing {
    /** Every user mounts the same directory at once; BuildKit's default. */
    SHARED,
    /** A user that finds the directory in use gets another, private instance of it. */
    PRIVATE,
    /** Users take turns: a second one waits until the first is done. */
    LOCKED;

    /** The word as written in a Dockerfile (and kept in a cache mount's record). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code word} names, in any case, or null. */
    public static CacheSharing ofKeyword(String word) {
        for (CacheSharing sharing : values()) {
            if (sharing.keyword().equalsIgnoreCase(word)) {
                return sharing;
            }
        }
        return null;
    }
}
