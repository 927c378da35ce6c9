package dev.jbuild.executor;

/** How concurrent steps share one {@code type=cache} mount, as in BuildKit. */
public enum CacheSharing {
    /** Every user mounts the same directory at once. */
    SHARED,
    /** A user that finds the directory in use gets another instance of it. */
    PRIVATE,
    /** Users take turns: a second one waits until the first is done. */
    LOCKED
}
