package dev.jbuild.layertar;

import dev.jbuild.imagespec.SizedDigest;
import java.util.List;

/**
 * What applying a layer did.
 *
 * @param digest sha256 and size of the whole tar stream read (the layer's diff_id)
 * @param entriesApplied entries written to the target (files, directories, links, devices)
 * @param pathsWhitedOut whiteouts that removed something
 * @param directoriesCleared opaque directories whose lower contents were removed
 * @param skippedXattrs attributes the target file system refused, as {@code path: name}; Docker
 *     ignores those too
 * @param contentSize the layer's size as Docker counts it ({@link ContentSize})
 */
public record ApplyResult(SizedDigest digest, int entriesApplied, int pathsWhitedOut, int directoriesCleared,
                          List<String> skippedXattrs, long contentSize) {
    public ApplyResult {
        skippedXattrs = List.copyOf(skippedXattrs);
    }
}
