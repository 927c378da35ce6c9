package dev.jbuild.builder;

import dev.jbuild.builder.dispatch.ImageState;
import dev.jbuild.store.ImageRecord;

/**
 * A finished build.
 *
 * @param image the image as written to the store (with its tags)
 * @param state the final stage's image as the builder holds it (for exporting its root filesystem)
 * @param summary what the progress output's summary shows
 * @param cacheEntries every filesystem step of the build with its key and layer, in the order they
 *     finished, for {@code --cache-to}
 *     (image and summary are null for a dry run, which writes nothing)
 */
public record BuildResult(ImageRecord image, ImageState state, BuildSummary summary,
                          java.util.List<dev.jbuild.builder.cache.CacheEntry> cacheEntries) {
    public BuildResult {
        cacheEntries = java.util.List.copyOf(cacheEntries);
    }
}
