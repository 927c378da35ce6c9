package dev.jbuild.builder;

import dev.jbuild.imagespec.Digest;

/**
 * A layer a shared cache offered for a step turned out not to be what the cache said (its blob's
 * digest or the diff ID it decompresses to). The step's record is distrusted and the build starts
 * again without it, so the step is a miss: a wrong layer never enters an image.
 */
public final class CacheMismatchException extends BuildException {
    private final Digest key;

    public CacheMismatchException(Digest key, String message, Throwable cause) {
        super(message, null, cause);
        this.key = key;
    }

    /** The cache key whose record lied. */
    public Digest key() {
        return key;
    }
}
