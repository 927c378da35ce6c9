package dev.jbuild.transfer;

import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code load}: the images of a {@code docker save} archive (Docker before and after 25) or an OCI
 * archive (skopeo, podman, buildah, {@code jbuild save}), whole-archive gzip or zstd, gzip or zstd
 * layers. All or nothing: the archive is read into the store's temp area, every blob is checked
 * against its digest and size, every layer unpacked on trial against its diff ID and for safety,
 * signatures verified when asked; only when all of that passed do the blobs enter the store and the
 * images appear, in one update of the reference table. A config is stored as its own bytes, so the
 * image ID is the one the archive's writer computed.
 */
public final class ImageLoader {
    private final ImageStore store;

    public ImageLoader(ImageStore store) {
        this.store = store;
    }

    /**
     * @throws InvalidArchiveException the archive is malformed, incomplete, inconsistent or hostile
     * @throws dev.jbuild.store.BlobCorruptedException a blob is not what its digest or size says
     * @throws VerificationFailedException an image is not signed by {@link LoadOptions#verifyKey()}
     */
    public List<LoadedImage> load(InputStream in, LoadOptions options) throws IOException {
        // What killed loads left in the store's temp area (the archives they were reading) goes first.
        store.removeDeadTempAreas();
        try (StagedArchive archive = new ArchiveReader(store.blobs(), options.expansionLimit()).read(in)) {
            LoadPlanner.Plan plan = new LoadPlanner(archive).plan();
            if (options.verifyKey() != null) {
                List<SignatureVerdict> verdicts = verdicts(archive, plan, options.verifyKey());
                List<String> problems = verdicts.stream().filter(v -> !v.verified()).map(SignatureVerdict::line).toList();
                if (!problems.isEmpty()) {
                    throw new VerificationFailedException("refusing to load the archive: " + String.join("; ", problems));
                }
            }
            plan = LayerDecryption.apply(plan, options.decryptionKey(), store.blobs());
            LayerStackCheck layers = new LayerStackCheck(store, options.expansionLimit());
            try {
                for (ImageCandidate image : plan.images()) {
                    layers.check(image);
                }
                return commit(plan, layers, archive);
            } finally {
                layers.discard(); // what became a snapshot is gone from the temp area already
            }
        }
    }

    /**
     * {@code verify}: the same checks as {@link #load} (digests, sizes, layers), then each image's
     * signature, without loading anything.
     */
    public List<SignatureVerdict> verify(InputStream in, PublicKey key, ExpansionLimit limit) throws IOException {
        try (StagedArchive archive = new ArchiveReader(store.blobs(), limit).read(in)) {
            LoadPlanner.Plan plan = new LoadPlanner(archive).plan();
            LayerStackCheck layers = new LayerStackCheck(store, limit);
            try {
                for (ImageCandidate image : plan.images()) {
                    if (!LayerDecryption.isEncrypted(image)) { // without the key only their digests can be checked
                        layers.check(image);
                    }
                }
            } finally {
                layers.discard();
            }
            return verdicts(archive, plan, key);
        }
    }

    private static List<SignatureVerdict> verdicts(StagedArchive archive, LoadPlanner.Plan plan, PublicKey key)
            throws IOException {
        SignatureCheck check = new SignatureCheck(archive, plan.signatures(), key);
        List<SignatureVerdict> out = new ArrayList<>();
        for (ImageCandidate image : plan.images()) {
            out.add(check.check(image));
            for (LoadPlanner.ArtifactCandidate artifact : plan.artifacts()) {
                if (artifact.artifact().subject().digest().equals(image.manifest().digest())) {
                    // the SBOM of a signed image must be signed as well, or anyone could swap it
                    ImageCandidate asImage = new ImageCandidate(artifact.manifest(), artifact.manifestBlob(), null,
                            archive.blob(ArtifactManifest.EMPTY_DESCRIPTOR.digest(), "empty config", null), null,
                            List.of(), image.tags());
                    SignatureVerdict verdict = check.check(asImage);
                    out.add(new SignatureVerdict(image.displayName() + " " + artifact.artifact().artifactType(),
                            verdict.manifestDigest(), verdict.problem()));
                }
            }
        }
        return out;
    }

    /**
     * Blobs first, then compression mappings and snapshots, then every image and tag in one table
     * update: a process killed before that update leaves only unreferenced content, which prune removes.
     */
    private List<LoadedImage> commit(LoadPlanner.Plan plan, LayerStackCheck layers, StagedArchive archive)
            throws IOException {
        List<ImageCandidate> images = plan.images();
        Set<Digest> published = new HashSet<>();
        Map<Digest, List<Reference>> table = new LinkedHashMap<>();
        for (ImageCandidate image : images) {
            publish(image.configBlob(), MediaTypes.OCI_CONFIG, published);
            for (LayerCandidate layer : image.layers()) {
                Descriptor stored = publish(layer.blob(), layer.descriptor().mediaType(), published);
                if (layer.compression() != Compression.NONE) {
                    store.compressedCache().register(layer.diffId(), layer.compression(), stored);
                }
            }
            if (image.manifestFromArchive()) {
                publish(image.manifestBlob(), image.manifest().mediaType(), published);
            } else {
                store.blobs().put(image.manifestJson(), image.manifest().mediaType());
            }
            table.put(image.manifest().digest(), image.tags());
            layers.adopt(image);
            List<Digest> diffIds = image.config().diffIds();
            for (int i = 0; i < image.layers().size(); i++) {
                if (image.layers().get(i).compression() == Compression.NONE) {
                    // what arrived uncompressed is kept once, as its snapshot and a tar split
                    store.layers().keepAsSplit(diffIds.subList(0, i + 1));
                }
            }
        }
        // the unpacked layers' sizes as Docker counts them, recorded for the store's listings
        for (Map.Entry<Digest, Long> size : layers.contentSizes().entrySet()) {
            store.layerSizes().record(size.getKey(), size.getValue());
        }
        List<LoadedImage> out = new ArrayList<>();
        for (ImageCandidate image : images) {
            out.add(new LoadedImage(image.id(), image.manifest().digest(), image.tags(), displaced(image)));
        }
        store.addImages(table);
        keepArtifacts(plan, archive, published);
        return out;
    }

    /** The archive's artifacts that refer to a loaded image (its SBOM), kept with it byte for byte. */
    private void keepArtifacts(LoadPlanner.Plan plan, StagedArchive archive, Set<Digest> published) throws IOException {
        Set<Digest> loaded = new HashSet<>();
        plan.images().forEach(image -> loaded.add(image.manifest().digest()));
        for (LoadPlanner.ArtifactCandidate candidate : plan.artifacts()) {
            // an image decrypted while loading has a new manifest; its artifacts go with it
            Digest subject = plan.renamedManifests().getOrDefault(candidate.artifact().subject().digest(),
                    candidate.artifact().subject().digest());
            if (!loaded.contains(subject)) {
                continue;
            }
            for (Descriptor layer : candidate.artifact().layers()) {
                publish(archive.blob(layer.digest(), "artifact blob", null), layer.mediaType(), published);
            }
            publish(archive.blob(ArtifactManifest.EMPTY_DESCRIPTOR.digest(), "empty config", null),
                    MediaTypes.OCI_EMPTY, published);
            publish(candidate.manifestBlob(), MediaTypes.OCI_MANIFEST, published);
            store.referrers().register(subject, candidate.manifest().digest(), candidate.artifact().artifactType());
        }
    }

    private Descriptor publish(StagedBlob blob, String mediaType, Set<Digest> published) throws IOException {
        if (published.add(blob.digest())) {
            return store.blobs().publish(blob, mediaType);
        }
        return new Descriptor(mediaType, blob.digest(), blob.size());
    }

    /** The tags that named a different image before (Docker says it renames that one to an empty string). */
    private List<LoadedImage.Displaced> displaced(ImageCandidate image) throws IOException {
        List<LoadedImage.Displaced> out = new ArrayList<>();
        for (Reference tag : image.tags()) {
            Optional<Digest> previous = store.references().resolve(tag);
            if (previous.isPresent() && !previous.get().equals(image.manifest().digest())) {
                Digest previousId;
                try {
                    previousId = store.manifest(previous.get()).config().digest();
                } catch (dev.jbuild.store.StoreException | ImageSpecException e) {
                    continue; // a broken image: nothing to report about it
                }
                if (!previousId.equals(image.id())) {
                    out.add(new LoadedImage.Displaced(tag, previousId));
                }
            }
        }
        return out;
    }
}
