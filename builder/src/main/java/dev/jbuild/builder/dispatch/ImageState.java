package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.store.LayerStore;
import java.util.List;

/**
 * An image as the builder holds it between steps: the config (with history) and the layer blobs,
 * bottom first, aligned with the config's diff IDs.
 */
public record ImageState(ImageConfig config, List<Descriptor> layers) {
    public ImageState {
        layers = List.copyOf(layers);
        if (layers.size() != config.diffIds().size()) {
            throw new IllegalArgumentException(layers.size() + " layers for " + config.diffIds().size() + " diff IDs");
        }
    }

    public List<Digest> diffIds() {
        return config.diffIds();
    }

    /** The chain ID of the layers, or null for an empty filesystem. */
    public Digest chainId() {
        return diffIds().isEmpty() ? null : LayerStore.chainId(diffIds());
    }

    /** The cache state this image is: its layers and its run configuration, not its history. */
    public Digest stateKey() {
        return CacheKey.state(chainId(), JsonTrees.compact(config.config().toJson()));
    }
}
