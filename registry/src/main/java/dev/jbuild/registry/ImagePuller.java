package dev.jbuild.registry;

import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.store.CompressedBlobCache;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code pull}: an image from a registry into the store. The manifest (an index is resolved to the
 * platform asked for) and config are kept as the registry's own bytes, and layers as served
 * (compressed), so the image ID and every digest are the registry's and survive pull → save → load →
 * push. Each blob is verified while it streams into the store's temp area — digest and size — and the
 * blobs, the image and its references appear only once every blob is in, so a registry or proxy that
 * serves wrong bytes leaves nothing behind. A compressed layer's diff ID is checked where its
 * uncompressed bytes first exist, when it is unpacked (build, snapshot, load) or re-compressed: doing it
 * during the pull would cost every pull a decompression that most never need (skopeo does not either).
 */
public final class ImagePuller {
    private final ImageStore store;
    private final Registries registries;
    private final TransferListener listener;
    private final BlobSources sources;

    public ImagePuller(ImageStore store, Registries registries, TransferListener listener) {
        this.store = store;
        this.registries = registries;
        this.listener = listener;
        this.sources = new BlobSources(store.layout());
    }

    /** Pulls for this machine's platform. */
    public PullResult pull(Reference reference) throws IOException {
        return pull(reference, Platform.host());
    }

    /**
     * @param platform the platform an index is resolved to
     * @throws NotFoundInRegistryException no such repository, tag or digest
     * @throws UnsupportedManifestException a schema 1 manifest, an artifact, an index without the platform
     * @throws BlobMismatchException a blob was not what its digest, size or diff ID says (nothing stored)
     */
    public PullResult pull(Reference reference, Platform platform) throws IOException {
        return pull(new ImageLocator(registries, listener).locate(reference, platform));
    }

    /**
     * Pulls an image whose manifest {@link ImageLocator} fetched already (which needs no store, so that
     * a command can fetch it while it opens the store).
     *
     * @throws BlobMismatchException a blob was not what its digest, size or diff ID says (nothing stored)
     */
    public PullResult pull(ImageLocator.Located located) throws IOException {
        RegistryClient client = located.client();
        Reference reference = located.reference();
        String name = reference.familiarString();
        RegistryClient.FetchedManifest top = located.top();
        RegistryClient.FetchedManifest image = located.image();
        Manifest manifest = Manifest.parse(image.bytes());
        AtomicLong downloaded = new AtomicLong();
        Map<Digest, StagedBlob> staged = new ConcurrentHashMap<>();
        try {
            Descriptor configDescriptor = manifest.config();
            fetch(client, reference.path(), configDescriptor, null, Compression.NONE, downloaded, false, staged);
            ImageConfig config = ImageConfig.parse(readConfig(configDescriptor, staged));
            if (config.diffIds().size() != manifest.layers().size()) {
                throw new RegistryProtocolException(name + ": the image config lists " + config.diffIds().size()
                        + " diff_ids for " + manifest.layers().size() + " layers; the image in the registry is damaged",
                        0);
            }
            List<ParallelBlobs.Task> tasks = new ArrayList<>();
            Set<Digest> seen = new LinkedHashSet<>();
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                Digest diffId = config.diffIds().get(i);
                if (!MediaTypes.isLayer(layer.mediaType())) {
                    throw new UnsupportedManifestException(name + ": layer " + layer.digest().shortId()
                            + " has media type '" + layer.mediaType() + "', which is not an image layer");
                }
                if (layer.mediaType().endsWith("+encrypted")) {
                    throw new UnsupportedManifestException(name + ": layer " + layer.digest().shortId() + " is "
                            + "encrypted (OCI image encryption), which pull does not decrypt; copy it to an archive with "
                            + "'skopeo copy' and use 'jbuild load --decrypt KEY'; nothing was pulled");
                }
                if (seen.add(layer.digest())) {
                    listener.on(new TransferEvent.Blob(layer.digest(), TransferEvent.Phase.WAITING, 0, layer.size()));
                    tasks.add(() -> fetch(client, reference.path(), layer, diffId,
                            MediaTypes.layerCompression(layer.mediaType()), downloaded, true, staged));
                }
            }
            ParallelBlobs.run(tasks, registries.settings().parallelTransfers());
            // Everything arrived and checked out: only now does any of it become part of the store.
            store.blobs().publishAll(staged.values());
            for (Digest digest : staged.keySet()) {
                sources.record(digest, client.registry(), reference.path());
            }
            List<CompressedBlobCache.Variant> variants = new ArrayList<>();
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                Compression compression = MediaTypes.layerCompression(layer.mediaType());
                if (compression != Compression.NONE && store.blobs().has(layer.digest())) {
                    variants.add(new CompressedBlobCache.Variant(config.diffIds().get(i), compression, layer));
                }
            }
            store.compressedCache().registerAll(variants);
        } finally {
            for (StagedBlob blob : staged.values()) {
                blob.discard();
            }
        }
        store.blobs().put(image.bytes(), located.mediaType());
        List<Reference> refs = new ArrayList<>();
        if (reference.isTagged() && !reference.isDigested()) {
            refs.add(reference);
        }
        refs.add(reference.repository().withDigest(top.digest()));
        ImageRecord record;
        ImageLocator.IndexEntry fromIndex = located.fromIndex();
        if (fromIndex == null) {
            record = store.addImage(image.digest(), refs);
        } else {
            // The index is kept under the name, so that other platforms pulled later join this one.
            store.blobs().put(top.bytes(), fromIndex.indexMediaType());
            record = store.addPulledImage(image.digest(), refs, top.digest(), fromIndex.entry().platform());
        }
        listener.on(new TransferEvent.Notice("Digest: " + top.digest()));
        listener.on(new TransferEvent.Notice(downloaded.get() == 0 ? "Status: Image is up to date for " + name
                : "Status: Downloaded newer image for " + name));
        return new PullResult(record, top.digest(), downloaded.get(), located.skipped());
    }

    private byte[] readConfig(Descriptor config, Map<Digest, StagedBlob> staged) throws IOException {
        StagedBlob blob = staged.get(config.digest());
        if (blob == null) {
            return store.blobs().read(config.digest());
        }
        try (InputStream in = blob.open()) {
            return in.readAllBytes();
        }
    }

    /**
     * One blob into the store's temp area, verified as it streams; nothing is downloaded when the store
     * has it already. Staged blobs become part of the store only when the whole image arrived.
     */
    private void fetch(RegistryClient client, String repository, Descriptor blob, Digest diffId,
                       Compression compression, AtomicLong downloaded, boolean layer, Map<Digest, StagedBlob> staged)
            throws IOException {
        if (store.blobs().touch(blob.digest())) {
            if (layer) {
                listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.EXISTS, blob.size(), blob.size()));
            }
            sources.record(blob.digest(), client.registry(), repository);
            return;
        }
        ProgressReporter progress = layer
                ? new ProgressReporter(listener, blob.digest(), TransferEvent.Phase.DOWNLOADING, blob.size())
                : new ProgressReporter(TransferListener.NONE, blob.digest(), TransferEvent.Phase.DOWNLOADING, 0);
        if (layer && compression == Compression.NONE && !blob.digest().equals(diffId)) {
            throw new BlobMismatchException("layer " + blob.digest() + " of " + repository + " is uncompressed but its "
                    + "digest is not its diff_id " + diffId + ": the image in the registry is damaged; nothing was stored");
        }
        InputStream in = open(client, repository, blob, progress);
        if (in == null) {
            listener.on(new TransferEvent.Notice("layer " + blob.digest().shortId() + " is non-distributable and "
                    + "neither the registry nor its URLs serve it: kept as a reference to "
                    + String.join(", ", blob.urls())));
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.SKIPPED, 0, blob.size()));
            return;
        }
        try (InputStream stream = in) {
            staged.put(blob.digest(), store.blobs().stageDurable(stream, blob.digest(), blob.size()));
        } catch (BlobCorruptedException e) {
            throw new BlobMismatchException("blob " + blob.digest() + " from " + client.registry() + "/" + repository
                    + " is not what its digest says (" + e.getMessage().replaceFirst("^blob \\S+ is corrupt: ", "")
                    + "): the registry or a proxy on the way served wrong bytes; nothing was stored", e);
        }
        downloaded.addAndGet(blob.size());
        if (layer) {
            listener.on(new TransferEvent.Blob(blob.digest(), TransferEvent.Phase.DOWNLOADED, blob.size(), blob.size()));
        }
    }

    /**
     * A layer the registry does not have comes from the URLs its descriptor lists. A non-distributable
     * layer that no URL serves either stays what the registry keeps too, a reference: null then.
     */
    private InputStream open(RegistryClient client, String repository, Descriptor blob, ProgressReporter progress)
            throws IOException {
        try {
            return client.blob(repository, blob, progress);
        } catch (NotFoundInRegistryException e) {
            List<String> urls = blob.urls();
            if (urls.isEmpty()) {
                throw e;
            }
            try {
                return ForeignLayers.open(urls, blob);
            } catch (NotFoundInRegistryException unreachable) {
                if (MediaTypes.isNonDistributable(blob.mediaType())) {
                    return null;
                }
                throw unreachable;
            }
        }
    }
}

