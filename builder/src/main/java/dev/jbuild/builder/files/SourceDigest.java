package dev.jbuild.builder.files;

import dev.jbuild.imagespec.Digest;
import java.util.Objects;

/**
 * The content checksum of what a COPY/ADD would copy, for the cache key: covers every selected file's
 * path relative to its source, type, mode, owner, link target and content — not mtimes (BuildKit's rule),
 * so a `touch` keeps the cache. Context files count as owned by 0:0 whoever owns them on disk, so equal
 * inputs give equal digests on any machine. A URL counts by its downloaded bytes, or by its
 * {@code --checksum} when one is given (then nothing is downloaded).
 *
 * @param files how many entries were covered (for progress and tests)
 * @param entries every entry covered, in the order the checksum read them (what a cache-miss
 *     explanation compares)
 */
public record SourceDigest(Digest digest, int files, java.util.List<SourceFile> entries) {
    public SourceDigest {
        Objects.requireNonNull(digest, "digest");
        entries = entries == null ? java.util.List.of() : java.util.Collections.unmodifiableList(entries);
    }

    public SourceDigest(Digest digest, int files) {
        this(digest, files, java.util.List.of());
    }
}
