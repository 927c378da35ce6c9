package dev.jbuild.registry;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import java.util.List;

/**
 * A finished pull.
 *
 * @param image the image as stored, with its references
 * @param digest the digest the registry names it by (the index's, for a multi-platform image)
 * @param downloaded bytes downloaded (0 when the store had every blob: "Image is up to date")
 * @param skipped index entries passed over (other platforms are not listed; artifacts are)
 */
public record PullResult(ImageRecord image, Digest digest, long downloaded, List<String> skipped) {
    public PullResult {
        skipped = List.copyOf(skipped);
    }
}
