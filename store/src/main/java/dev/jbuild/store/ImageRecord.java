package dev.jbuild.store;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.Reference;
import java.util.List;

/**
 * An image of the store: its ID (the config digest), its manifest, its parsed config and the
 * references that name it.
 *
 * @param references tags and digest references, full normalised form, in table order
 */
public record ImageRecord(Digest id, Digest manifestDigest, Manifest manifest, ImageConfig config,
                          List<Reference> references) {

    public ImageRecord {
        references = List.copyOf(references);
    }

    /** The 12-character ID Docker shows. */
    public String shortId() {
        return id.shortId();
    }

    /** {@code busybox:latest} for every tag, as {@code docker inspect} lists RepoTags. */
    public List<String> repoTags() {
        return references.stream().filter(r -> !r.isDigested()).map(Reference::familiarString).toList();
    }

    /** {@code busybox@sha256:...} for every digest reference, as {@code docker inspect} lists RepoDigests. */
    public List<String> repoDigests() {
        return references.stream().filter(Reference::isDigested).map(Reference::familiarString).toList();
    }

    /** The layers' diff IDs, bottom first. */
    public List<Digest> diffIds() {
        return config.diffIds();
    }

    /**
     * The sum of the layer blobs' sizes (uncompressed, for the layers this store writes): what the image
     * takes as blobs, not the size Docker shows, which is {@link LayerSizes#total}.
     */
    public long blobSize() {
        return manifest.layers().stream().mapToLong(Descriptor::size).sum();
    }
}
