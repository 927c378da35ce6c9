package dev.jbuild.builder.cache;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.util.Objects;

/**
 * One step of a shared cache: its key, what it produced, and the blob its layer travels as (the
 * uncompressed layer for a step made here, the compressed blob for one found in a shared cache).
 */
public record CacheEntry(Digest key, CacheRecord record, Descriptor blob) {
    public CacheEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(blob, "blob");
    }
}
