package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Reference;
import java.util.List;

/**
 * An image {@code load} added.
 *
 * @param tags the tags now naming it; empty for an untagged image
 * @param displaced tags that named another image before, and that image's ID
 */
public record LoadedImage(Digest id, Digest manifestDigest, List<Reference> tags, List<Displaced> displaced) {
    public LoadedImage {
        tags = List.copyOf(tags);
        displaced = List.copyOf(displaced);
    }

    /** A tag that moved to the loaded image from the image {@code previousId}. */
    public record Displaced(Reference tag, Digest previousId) {
    }
}
