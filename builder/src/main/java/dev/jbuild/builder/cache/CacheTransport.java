package dev.jbuild.builder.cache;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a shared build cache lives ({@code --cache-to}/{@code --cache-from}): a registry repository
 * ({@code type=registry}, implemented by the registry module) or a directory ({@code type=local},
 * {@link LocalCacheDirectory}). A cache is one OCI artifact: a manifest whose config is the
 * {@link CacheDocument} and whose layers are the cached layer blobs (see docs/build-cache.md).
 */
public interface CacheTransport {
    /** {@code registry 127.0.0.1:5000/cache:main}, {@code directory /ci/cache}: for messages. */
    String describe();

    /** The cache's manifest, or empty when there is no cache there yet. */
    Optional<byte[]> readManifest() throws IOException;

    /** Puts a blob of the cache into the store, verified against its digest and size while it streams. */
    void fetchBlob(Descriptor blob, ImageStore store) throws IOException;

    /**
     * Sends the blobs (read from the store; those the target has already are not sent again), then
     * the manifest, so the cache never names a blob that is not there.
     */
    void write(List<Descriptor> blobs, byte[] manifest, ImageStore store) throws IOException;
}
