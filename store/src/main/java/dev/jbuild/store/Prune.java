package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code jbuild prune}: removes untagged images (Docker's dangling images), then every blob,
 * snapshot and compression mapping no remaining image needs, then the temp areas of processes that
 * died. Runs under the exclusive lock. Anything written since the oldest other live process started
 * is spared, because that process may be about to reference it.
 *
 * <p>A caller that keeps blobs and snapshots of its own outside the image table (the builder's step
 * cache) names them through {@link Options#extraRoots()}: it is asked once the untagged images are gone,
 * still under the exclusive lock, and what it returns survives like what an image names. So one pass
 * removes images, blobs, snapshots (every layer's diff, whoever made it) and, through that caller, the
 * build cache's records.
 */
public final class Prune {
    private final ImageStore store;
    private final StoreLayout layout;
    private final Options options;

    /**
     * What to prune.
     *
     * @param untaggedCreatedBefore only untagged images created before this go (Docker's {@code until}
     *     filter); null for all of them. An image without a creation time counts as old, as in Docker.
     * @param extraRoots blobs and snapshots to keep besides what the remaining images need
     */
    public record Options(Instant untaggedCreatedBefore, ExtraRoots extraRoots) {
        public Options {
            Objects.requireNonNull(extraRoots, "extraRoots");
        }

        /** Every untagged image and everything no remaining image needs. */
        public static Options everything() {
            return new Options(null, images -> Roots.NONE);
        }

        public Options withUntaggedCreatedBefore(Instant value) {
            return new Options(value, extraRoots);
        }

        public Options withExtraRoots(ExtraRoots value) {
            return new Options(untaggedCreatedBefore, value);
        }
    }

    /**
     * What the images left after the untagged ones are removed keep alive.
     *
     * @param blobs manifests, configs, layer blobs, diff IDs and their compressed variants
     * @param chains the chain IDs of every prefix of every remaining image's layer stack
     */
    public record ImageNeeds(Set<Digest> blobs, Set<Digest> chains) {
        public ImageNeeds {
            blobs = Set.copyOf(blobs);
            chains = Set.copyOf(chains);
        }
    }

    /**
     * What a caller keeps alive besides the images.
     *
     * @param blobs blobs to keep (their compressed variants are kept with them)
     * @param chains snapshots to keep, by chain ID
     */
    public record Roots(Set<Digest> blobs, Set<Digest> chains) {
        public static final Roots NONE = new Roots(Set.of(), Set.of());

        public Roots {
            blobs = Set.copyOf(blobs);
            chains = Set.copyOf(chains);
        }

        public static Roots blobs(Set<Digest> blobs) {
            return new Roots(blobs, Set.of());
        }
    }

    /** The caller's own GC roots. */
    @FunctionalInterface
    public interface ExtraRoots {
        /**
         * Called once, under the store's exclusive lock, after untagged images are removed and before
         * any blob or snapshot is deleted: the moment to drop the caller's own records that point at them.
         */
        Roots rootsToKeep(ImageNeeds images) throws IOException;
    }

    /**
     * What was removed.
     *
     * @param removedImages IDs of the untagged images removed
     * @param bytesFreed bytes of regular files deleted
     */
    public record Report(List<Digest> removedImages, int blobsRemoved, int snapshotsRemoved, int mappingsRemoved,
                         int tempEntriesRemoved, long bytesFreed) {
        public Report {
            removedImages = List.copyOf(removedImages);
        }
    }

    Prune(ImageStore store, Options options) {
        this.store = store;
        this.layout = store.layout();
        this.options = options;
    }

    /** Waits for running builds first (see {@link ImageStore#holdForBuild}); none starts until it is done. */
    Report run() throws IOException {
        try (ImageStore.BuildHold noBuilds = store.holdBuildLock(false)) {
            return store.table().exclusively(this::pruneLocked);
        }
    }

    private Report pruneLocked() throws IOException {
        StoreTable before = store.table().read();
        List<Digest> removedImages = new ArrayList<>();
        StoreTable after = before;
        for (Digest manifest : before.images()) {
            if (before.referencesTo(manifest).isEmpty() && createdBeforeCutoff(manifest)) {
                try {
                    removedImages.add(store.manifest(manifest).config().digest());
                } catch (StoreException | ImageSpecException e) {
                    removedImages.add(manifest);
                }
                after = after.withoutImage(manifest);
            }
        }
        StoreTable remaining = after;
        store.table().update(ignored -> remaining);
        for (Digest subject : store.referrers().subjects()) {
            if (!remaining.images().contains(subject)) {
                store.referrers().forget(subject); // an artifact lives as long as the image it refers to
            }
        }

        Reachability reach = Reachability.of(remaining, store);
        Roots extra = options.extraRoots().rootsToKeep(new ImageNeeds(reach.blobs, reach.chains));
        reach.chains.addAll(extra.chains()); // first: a split the records need may then stand in for another
        reach.keep(extra.blobs(), store);
        FileTime since = Reachability.protectedSince(layout, store.session());
        long[] freed = {0};

        // Mappings go before the blobs they name: a kill in between then leaves an orphan blob (the next
        // prune takes it), never a mapping to a missing blob.
        int mappings = dropMappingsToDoomedBlobs(reach, since);

        int blobs = 0;
        for (Digest blob : store.blobs().list()) {
            Path file = layout.blob(blob);
            if (!reach.blobs.contains(blob) && !Reachability.isProtected(file, since)) {
                freed[0] += sizeOf(file);
                if (Files.deleteIfExists(file)) {
                    blobs++;
                }
                Files.deleteIfExists(layout.layerSize(blob)); // the size of the layer whose blob this was
            }
        }

        mappings += pruneMappings(since);
        SplitsDropped splits = pruneSplitMappings(reach, since);
        blobs += splits.blobs();
        mappings += splits.dangling();

        int snapshots = 0;
        for (Digest chain : store.layers().snapshots()) {
            Path dir = layout.snapshot(chain);
            Path marker = Files.exists(dir.resolve(LayerStore.META)) ? dir.resolve(LayerStore.META) : dir;
            if (!reach.chains.contains(chain) && !Reachability.isProtected(marker, since)) {
                freed[0] += store.layers().deleteSnapshotLocked(chain);
                snapshots++;
            }
        }

        int temp = 0;
        for (TempAreas.Dead dead : TempAreas.dead(layout, store.session())) {
            freed[0] += TempAreas.remove(dead);
            temp += 1 + dead.external().size();
        }
        return new Report(removedImages, blobs, snapshots, mappings, temp, freed[0]);
    }

    /** Layers kept as a tar split that went (blobs), and records whose split had gone with its snapshot. */
    private record SplitsDropped(int blobs, int dangling) {
    }

    /**
     * Tar-split records of layers no image needs any more (their snapshots go below with the rest): the
     * blob each stands for goes with it. Also records whose split went with its snapshot.
     */
    private SplitsDropped pruneSplitMappings(Reachability reach, FileTime since) throws IOException {
        int blobs = 0;
        int dangling = 0;
        if (!Files.isDirectory(layout.splitMappingsDir())) {
            return new SplitsDropped(0, 0);
        }
        try (Stream<Path> files = Files.list(layout.splitMappingsDir())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!Digest.isHex(name) || Reachability.isProtected(file, since)) {
                    continue;
                }
                Digest blob = Digest.ofHex(name);
                if (!reach.blobs.contains(blob)) {
                    blobs += Files.deleteIfExists(file) && !Files.exists(layout.blob(blob)) ? 1 : 0;
                } else if (store.blobs().splits().find(blob).isEmpty() && Files.deleteIfExists(file)) {
                    dangling++;
                }
            }
        }
        return new SplitsDropped(blobs, dangling);
    }

    /** Whether an untagged image is old enough for the {@code until} filter; unreadable ones always are. */
    private boolean createdBeforeCutoff(Digest manifest) throws IOException {
        Instant cutoff = options.untaggedCreatedBefore();
        if (cutoff == null) {
            return true;
        }
        try {
            Instant created = store.config(store.manifest(manifest).config().digest()).created();
            return created == null || created.isBefore(cutoff);
        } catch (StoreException | ImageSpecException e) {
            return true;
        }
    }

    /** Mappings whose compressed blob this prune is about to delete. */
    private int dropMappingsToDoomedBlobs(Reachability reach, FileTime since) throws IOException {
        int removed = 0;
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            for (var mapping : store.compressedCache().mappings(compression).entrySet()) {
                Digest variant = mapping.getValue();
                boolean doomed = !reach.blobs.contains(variant) && !Reachability.isProtected(layout.blob(variant), since);
                if (doomed && Files.deleteIfExists(layout.compressedMapping(compression, mapping.getKey()))) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Mappings whose source layer is gone, or whose compressed blob is gone. */
    private int pruneMappings(FileTime since) throws IOException {
        int removed = 0;
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Path dir = layout.compressedDir(compression);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            var readable = store.compressedCache().mappings(compression);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    Digest source = Digest.isHex(name) ? Digest.ofHex(name) : null;
                    boolean broken = source == null || !readable.containsKey(source)
                            || !store.blobs().has(readable.get(source));
                    if (broken && !Reachability.isProtected(file, since) && Files.deleteIfExists(file)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
