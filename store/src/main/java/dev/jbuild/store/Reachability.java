package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the images of a table keep alive (those it lists, and each platform's image of the indexes its names
 * were pulled from, with the index documents): their manifests, configs and layer blobs, the uncompressed
 * and compressed forms of every layer, and the snapshots of every prefix of their layer chains.
 * Also the collector's safety margin: anything written after the oldest other live session started
 * may be about to be referenced by that session, so it is spared.
 */
final class Reachability {
    final Set<Digest> blobs = new TreeSet<>();
    final Set<Digest> chains = new TreeSet<>();

    private Reachability() {
    }

    static Reachability of(StoreTable table, ImageStore store) throws IOException {
        Reachability reach = new Reachability();
        for (Digest manifestDigest : table.images()) {
            reach.addImage(manifestDigest, store);
        }
        // An index a name was pulled from keeps its document and every platform's image the store holds.
        for (PulledIndex index : table.indexes().values()) {
            reach.blobs.add(index.index());
        }
        for (Digest manifestDigest : table.platformImages()) {
            if (!reach.blobs.contains(manifestDigest)) { // the host platform's image is listed already
                reach.addImage(manifestDigest, store);
            }
        }
        reach.addCompressedVariants(store);
        reach.addSplitChains(store);
        return reach;
    }

    /** An image's manifest, config, layers, referrers and the snapshots of its layer chain. */
    private void addImage(Digest manifestDigest, ImageStore store) throws IOException {
        blobs.add(manifestDigest);
        addReferrers(manifestDigest, store);
        Manifest manifest;
        ImageConfig config;
        try {
            manifest = store.manifest(manifestDigest);
            blobs.add(manifest.config().digest());
            manifest.layers().forEach(layer -> blobs.add(layer.digest()));
            config = store.config(manifest.config().digest());
        } catch (StoreException | ImageSpecException e) {
            return; // a broken image keeps what it still names; StoreCheck reports the rest
        }
        blobs.addAll(config.diffIds());
        if (!config.diffIds().isEmpty()) {
            chains.addAll(LayerStore.chainIds(config.diffIds()));
        }
    }

    /**
     * A layer kept as a tar split needs the snapshot that holds its files, whichever image made it; when
     * that snapshot is needed for nothing else and another snapshot that is needed has a split of the
     * same layer, that one stands in for it, and the first can go.
     */
    private void addSplitChains(ImageStore store) throws IOException {
        SplitLayers splits = store.blobs().splits();
        Map<Digest, Digest> standIns = null;
        for (Digest blob : blobs) {
            Optional<SplitLayers.Split> split = splits.find(blob);
            if (split.isEmpty() || chains.contains(split.get().chain())) {
                continue;
            }
            if (standIns == null) {
                standIns = splits.splitsIn(chains);
            }
            Digest standIn = standIns.get(blob);
            if (standIn != null) {
                splits.standIn(split.get(), standIn);
            } else {
                chains.add(split.get().chain());
            }
        }
    }

    /** An image's referrers (its SBOM) live as long as it: their manifests, empty configs and layers. */
    private void addReferrers(Digest manifestDigest, ImageStore store) throws IOException {
        for (Digest artifact : store.referrers().manifests(manifestDigest)) {
            blobs.add(artifact);
            try {
                dev.jbuild.imagespec.ArtifactManifest parsed =
                        dev.jbuild.imagespec.ArtifactManifest.parseOrNull(store.blobs().read(artifact));
                if (parsed != null) {
                    blobs.add(dev.jbuild.imagespec.ArtifactManifest.EMPTY_DESCRIPTOR.digest());
                    parsed.layers().forEach(layer -> blobs.add(layer.digest()));
                }
            } catch (StoreException | dev.jbuild.imagespec.ImageSpecException e) {
                // a broken artifact keeps only its manifest
            }
        }
    }

    /** Roots from outside the table (the builder's cache): kept like layers an image names. */
    void keep(Collection<Digest> extraBlobs, ImageStore store) throws IOException {
        if (extraBlobs.isEmpty()) {
            return;
        }
        blobs.addAll(extraBlobs);
        addCompressedVariants(store);
        addSplitChains(store);
    }

    private void addCompressedVariants(ImageStore store) throws IOException {
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            for (Map.Entry<Digest, Digest> mapping : store.compressedCache().mappings(compression).entrySet()) {
                if (blobs.contains(mapping.getKey())) {
                    blobs.add(mapping.getValue());
                }
            }
        }
    }

    /**
     * The start of the oldest live session other than {@code own}, or null when there is none:
     * unreferenced files modified at or after it are left alone.
     */
    static FileTime protectedSince(StoreLayout layout, StoreSession own) throws IOException {
        FileTime oldest = null;
        if (!Files.isDirectory(layout.tmpDir())) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(layout.tmpDir())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(dir) || dir.toAbsolutePath().normalize().equals(own.dir())) {
                    continue;
                }
                FileTime since = StoreSession.liveSince(dir);
                if (since != null && (oldest == null || since.compareTo(oldest) < 0)) {
                    oldest = since;
                }
            }
        }
        return oldest;
    }

    static boolean isProtected(Path file, FileTime since) throws IOException {
        return since != null && Files.exists(file) && Files.getLastModifiedTime(file).compareTo(since) >= 0;
    }
}
