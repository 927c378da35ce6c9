package dev.jbuild.builder.files;

import java.io.IOException;

/**
 * COPY and ADD with Docker's rules (BuildKit's behaviour), writing into a target root filesystem.
 * The builder calls {@link #checksum} first (for the cache key) and {@link #copy} only on a cache miss.
 * Implementations are safe to call from several threads at once (stages build in parallel).
 */
public interface FileCopier {

    /**
     * Refuses what no file could make right ({@code --chmod} and {@code --checksum} values, a URL to COPY):
     * what the builder checks before the build runs. Reads nothing.
     *
     * @throws CopyException with BuildKit's message
     */
    void check(CopyRequest request);

    /**
     * What the request would copy, as a digest; fails like {@link #copy} would for a missing source.
     *
     * @throws CopyException a source is missing, a flag is invalid, a download or its --checksum failed
     */
    SourceDigest checksum(CopyRequest request) throws IOException;

    /**
     * Copies into {@code request.targetRoot()}.
     *
     * @throws CopyException anything Docker would refuse, with BuildKit's wording where it has one
     */
    CopyResult copy(CopyRequest request) throws IOException;
}
