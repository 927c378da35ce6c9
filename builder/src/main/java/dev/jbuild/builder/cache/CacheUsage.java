package dev.jbuild.builder.cache;

import dev.jbuild.builder.layers.DiffStore;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import dev.jbuild.store.Prune;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The build cache's disk use while records are taken away one by one: the bytes of layer blobs and
 * diff directories that some record needs and no image does, each counted once however many records
 * share it. A record needs its layer blob and the diff directory of every prefix of its stack.
 */
final class CacheUsage {
    private enum Kind { LAYER_BLOB, DIFF_DIR }

    private record Need(Kind kind, Digest digest) {
    }

    private final ImageStore store;
    private final Prune.ImageNeeds images;
    private final Map<Need, Long> sizes = new HashMap<>();
    private final Map<Need, Integer> users = new HashMap<>();
    private long total;

    CacheUsage(ImageStore store, Prune.ImageNeeds images) {
        this.store = store;
        this.images = images;
    }

    long total() {
        return total;
    }

    void add(CacheRecord record) throws IOException {
        for (Need need : needs(record)) {
            if (users.merge(need, 1, Integer::sum) == 1) {
                total += size(need);
            }
        }
    }

    void remove(CacheRecord record) throws IOException {
        for (Need need : needs(record)) {
            int left = users.merge(need, -1, Integer::sum);
            if (left == 0) {
                users.remove(need);
                total -= size(need);
            }
        }
    }

    /** What a record needs that no image does; a record whose stack is unknown is accounted by its blob alone. */
    private List<Need> needs(CacheRecord record) {
        List<Need> out = new ArrayList<>();
        if (record == null) {
            return out;
        }
        if (!images.blobs().contains(record.diffId())) {
            out.add(new Need(Kind.LAYER_BLOB, record.diffId()));
        }
        if (record.knowsItsStack()) {
            for (Digest chain : LayerStore.chainIds(record.stack())) {
                if (!images.chains().contains(chain)) {
                    out.add(new Need(Kind.DIFF_DIR, chain));
                }
            }
        }
        return out;
    }

    private long size(Need need) throws IOException {
        Long known = sizes.get(need);
        if (known == null) {
            known = switch (need.kind()) {
                case LAYER_BLOB -> blobSize(need.digest());
                case DIFF_DIR -> FileTrees.size(store.layers().diffDir(need.digest()));
            };
            sizes.put(need, known);
        }
        return known;
    }

    /** What the blob takes on disk: a built layer kept as a tar split takes its split, not its tar's length. */
    private long blobSize(Digest digest) throws IOException {
        return store.blobs().storedSize(digest);
    }
}
