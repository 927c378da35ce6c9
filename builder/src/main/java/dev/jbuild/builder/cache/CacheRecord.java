package dev.jbuild.builder.cache;

import dev.jbuild.store.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * What a cached filesystem step produced: its layer (uncompressed, so the blob digest is the diff ID)
 * and when it was first made (history keeps that time, so a cached rebuild gives the same image ID).
 */
public record CacheRecord(Digest diffId, long size, Instant created) {
    public CacheRecord {
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(created, "created");
    }
}
