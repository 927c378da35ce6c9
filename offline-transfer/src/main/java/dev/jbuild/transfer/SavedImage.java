package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import java.util.List;

/**
 * One image as written into an archive.
 *
 * @param id the image ID (config digest), unchanged by saving
 * @param tags the tags it is saved under; empty for an untagged image
 * @param manifest the manifest in the archive: the stored one when its layers are the ones written,
 *     else a new OCI manifest over the written layers
 * @param layers the layer blobs written, bottom first
 */
public record SavedImage(Digest id, List<Reference> tags, Descriptor manifest, Descriptor config,
                         List<Descriptor> layers, Platform platform) {
    public SavedImage {
        tags = List.copyOf(tags);
        layers = List.copyOf(layers);
    }
}
