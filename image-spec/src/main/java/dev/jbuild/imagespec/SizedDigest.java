package dev.jbuild.imagespec;

import java.util.Objects;

/**
 * What a stream of bytes hashed to and how long it was: a blob's identity before anyone has given it a
 * media type. For an uncompressed layer tar this is its {@code diff_id} and size.
 */
public record SizedDigest(Digest digest, long size) {
    public SizedDigest {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }
}
