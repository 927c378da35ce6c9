package dev.jbuild.builder.cache;

import dev.jbuild.builder.CacheMismatchException;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache imported with {@code --cache-from}: its document, read once, answers lookups by key. A hit
 * costs nothing until a layer is really needed (a later step runs on it, a stage copies from it, or the
 * final image contains it); only then is its blob fetched, and it is checked against its digest and
 * the diff ID the record claims. A cache is only as trusted as where it comes from, so any mismatch
 * makes that record a miss ({@link CacheMismatchException}), never a wrong layer.
 */
public final class SharedCache {
    private final CacheTransport transport;
    private final Map<Digest, CacheEntry> entries;
    private final Set<Digest> distrusted = ConcurrentHashMap.newKeySet();

    private SharedCache(CacheTransport transport, Map<Digest, CacheEntry> entries) {
        this.transport = transport;
        this.entries = entries;
    }

    /**
     * Reads the cache's manifest and document. A cache that is not there yet, or unreadable, is an
     * empty one: a build never fails for want of its cache.
     *
     * @param notice told why a cache that exists could not be used
     */
    public static SharedCache open(CacheTransport transport, ImageStore store, java.util.function.Consumer<String> notice)
            throws IOException {
        Map<Digest, CacheEntry> entries = new LinkedHashMap<>();
        try {
            Optional<byte[]> manifest = transport.readManifest();
            if (manifest.isPresent()) {
                Descriptor document = documentOf(manifest.get());
                transport.fetchBlob(document, store);
                for (CacheEntry entry : CacheDocument.decode(store.blobs().read(document.digest()))) {
                    entries.putIfAbsent(entry.key(), entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            notice.accept("cache " + transport.describe() + " not used: " + e.getMessage());
            entries.clear();
        }
        return new SharedCache(transport, entries);
    }

    private static Descriptor documentOf(byte[] manifest) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = dev.jbuild.imagespec.JsonTrees.read(manifest);
        Descriptor config = Descriptor.fromJson(root.get("config"), "cache manifest config");
        if (!config.mediaType().equals(CacheDocument.CONFIG_MEDIA_TYPE)) {
            throw new IOException("it is not a jbuild build cache (config " + config.mediaType() + ")");
        }
        return config;
    }

    public String describe() {
        return transport.describe();
    }

    public int size() {
        return entries.size();
    }

    /** The entry for a step's key, unless it was found to lie. */
    public Optional<CacheEntry> lookup(Digest key) {
        if (distrusted.contains(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(key));
    }

    /**
     * Puts an entry's layer blob into the store and proves it is the layer its record says.
     *
     * @throws CacheMismatchException when it is not (the entry is distrusted from then on)
     */
    public void fetch(CacheEntry entry, ImageStore store) throws IOException {
        if (!store.blobs().touch(entry.blob().digest())) {
            try {
                transport.fetchBlob(entry.blob(), store);
            } catch (IOException | RuntimeException e) {
                if (e instanceof java.io.InterruptedIOException) {
                    throw (IOException) e;
                }
                distrusted.add(entry.key());
                throw new CacheMismatchException(entry.key(), "layer " + entry.blob().digest().shortId() + " of cache "
                        + transport.describe() + " could not be fetched (" + e.getMessage() + ")", e);
            }
        }
        try {
            store.compressedCache().registerVerified(entry.record().diffId(), entry.blob());
        } catch (StoreException e) {
            distrusted.add(entry.key());
            throw new CacheMismatchException(entry.key(), "layer " + entry.blob().digest().shortId() + " of cache "
                    + transport.describe() + " is not the layer its record claims (" + e.getMessage() + ")", e);
        }
    }

    /** Every entry, for an export that passes a cache on. */
    public List<CacheEntry> entries() {
        return List.copyOf(entries.values());
    }
}
