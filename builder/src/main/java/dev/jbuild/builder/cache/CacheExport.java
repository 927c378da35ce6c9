package dev.jbuild.builder.cache;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --cache-to}: the steps of a finished build as a shared cache. {@code min} keeps the steps
 * whose layers are in the final image (BuildKit's default), {@code max} every step of every stage
 * that ran or hit. Layers travel gzip-compressed (compressed once and kept in the store).
 */
public final class CacheExport {
    /** Which steps go out. */
    public enum Mode { MIN, MAX }

    private CacheExport() {
    }

    /**
     * @param entries the steps of the build, in the order they finished
     * @param finalDiffIds the final image's layers
     * @return how many steps were exported
     */
    public static int export(List<CacheEntry> entries, List<Digest> finalDiffIds, Mode mode, ImageStore store,
                             CacheTransport target, List<SharedCache> sources) throws IOException {
        Map<Digest, CacheEntry> chosen = new LinkedHashMap<>();
        for (CacheEntry entry : entries) {
            if (mode == Mode.MAX || isPrefix(entry.record().stack(), finalDiffIds)) {
                chosen.putIfAbsent(entry.key(), entry);
            }
        }
        List<CacheEntry> out = new ArrayList<>();
        Set<Descriptor> blobs = new LinkedHashSet<>();
        for (CacheEntry entry : chosen.values()) {
            Descriptor blob = available(entry, store, sources);
            out.add(new CacheEntry(entry.key(), entry.record(), blob));
            blobs.add(blob);
        }
        byte[] document = CacheDocument.encode(out);
        Descriptor documentBlob = store.blobs().put(document, CacheDocument.CONFIG_MEDIA_TYPE);
        List<Descriptor> layers = new ArrayList<>(blobs);
        byte[] manifest = CacheDocument.manifest(documentBlob, layers);
        List<Descriptor> all = new ArrayList<>(layers);
        all.add(documentBlob);
        target.write(all, manifest, store);
        return out.size();
    }

    /** The entry's layer as a gzip blob in the store, fetched from the cache it came from when need be. */
    private static Descriptor available(CacheEntry entry, ImageStore store, List<SharedCache> sources)
            throws IOException {
        if (!store.blobs().touch(entry.blob().digest())) {
            for (SharedCache source : sources) {
                if (source.lookup(entry.key()).isPresent()) {
                    source.fetch(entry, store);
                    break;
                }
            }
        }
        return store.compressedCache().variant(entry.blob(), entry.record().diffId(), Compression.GZIP);
    }

    private static boolean isPrefix(List<Digest> stack, List<Digest> full) {
        return !stack.isEmpty() && stack.size() <= full.size() && full.subList(0, stack.size()).equals(stack);
    }
}
