package dev.jbuild.builder.cache;

import dev.jbuild.imagespec.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a cached filesystem step produced: its layer (uncompressed, so the blob digest is the diff ID)
 * and when it was first made (history keeps that time, so a cached rebuild gives the same image ID).
 *
 * @param stack the diff IDs of the layer stack the step's result is, bottom first, ending with
 *     {@code diffId}: prune keeps the diff directory of every prefix of it while the record lives.
 *     Empty for records written before jbuild kept it.
 * @param warnings what the step warned about when it ran, said again whenever the record is used: the
 *     layer it describes still has the problem
 */
public record CacheRecord(Digest diffId, long size, Instant created, List<Digest> stack, List<String> warnings) {
    public CacheRecord {
        Objects.requireNonNull(diffId, "diffId");
        Objects.requireNonNull(created, "created");
        stack = List.copyOf(stack);
        warnings = List.copyOf(warnings);
        if (!stack.isEmpty() && !stack.get(stack.size() - 1).equals(diffId)) {
            throw new IllegalArgumentException("the stack of layer " + diffId + " ends with another layer");
        }
    }

    public CacheRecord(Digest diffId, long size, Instant created, List<Digest> stack) {
        this(diffId, size, created, stack, List.of());
    }

    /** A record whose stack is not known. */
    public CacheRecord(Digest diffId, long size, Instant created) {
        this(diffId, size, created, List.of());
    }

    public boolean knowsItsStack() {
        return !stack.isEmpty();
    }

    public CacheRecord withStack(List<Digest> value) {
        return new CacheRecord(diffId, size, created, value, warnings);
    }
}
