package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.StagedBlob;
import java.util.List;

/**
 * An image found in an archive, with everything needed to check and load it.
 *
 * @param manifest the manifest's descriptor: from the archive ({@code manifestBlob} set), or
 *     synthesized for a {@code docker save} image without one ({@code manifestJson} set)
 * @param manifestBlob the staged manifest from the archive, or null
 * @param manifestJson the bytes of a synthesized manifest, or null
 * @param tags what to tag it with; empty for an untagged image
 */
record ImageCandidate(Descriptor manifest, StagedBlob manifestBlob, byte[] manifestJson, StagedBlob configBlob,
                      ImageConfig config, List<LayerCandidate> layers, List<Reference> tags) {
    ImageCandidate {
        layers = List.copyOf(layers);
        tags = List.copyOf(tags);
    }

    Digest id() {
        return configBlob.digest();
    }

    boolean manifestFromArchive() {
        return manifestBlob != null;
    }

    /** How messages name it: its first tag, else its short ID. */
    String displayName() {
        return tags.isEmpty() ? id().shortId() : tags.get(0).familiarString();
    }

    ImageCandidate withTags(List<Reference> more) {
        return new ImageCandidate(manifest, manifestBlob, manifestJson, configBlob, config, layers, more);
    }
}
