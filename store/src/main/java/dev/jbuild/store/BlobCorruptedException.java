package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;

/**
 * Content that does not hash to the digest it is stored or announced under, or whose length is not
 * the announced size. Nothing built on it is trusted.
 */
public final class BlobCorruptedException extends StoreException {
    private final Digest expected;
    private final Digest actual;

    public BlobCorruptedException(Digest expected, Digest actual) {
        super("blob " + expected + " is corrupt: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** A length mismatch (the digest may still be right for the bytes that were there). */
    public BlobCorruptedException(Digest expected, long expectedSize, long actualSize) {
        super("blob " + expected + " is corrupt: expected " + expectedSize + " bytes, got " + actualSize);
        this.expected = expected;
        this.actual = null;
    }

    public Digest expected() {
        return expected;
    }

    /** The digest the content really has; null when the failure was a size mismatch. */
    public Digest actual() {
        return actual;
    }
}
