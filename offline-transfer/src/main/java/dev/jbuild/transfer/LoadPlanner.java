package dev.jbuild.transfer;

import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.transfer.crypt.EncryptionAnnotations;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out which images a staged archive holds and checks that their parts fit: every blob a
 * manifest names is present with the announced size, configs and manifests parse, each config has
 * one diff ID per layer, and each layer's compression is what its media type says.
 *
 * <p>Where the images come from: {@code manifest.json} when there is one (what {@code docker load}
 * reads, Docker before and after 25), each image using the OCI manifest of {@code index.json} that
 * names the same config and layers when there is one (so its manifest digest, and any signature of
 * it, survives), else a manifest made for it; otherwise the entries of {@code index.json} (an OCI
 * archive from skopeo, podman, buildah), named by their {@code io.containerd.image.name} or
 * {@code org.opencontainers.image.ref.name} annotation. Index entries tagged {@code sha256-<hex>.sig}
 * are cosign signatures, kept aside for verification and never loaded as images.
 */
final class LoadPlanner {
    private static final int MAX_INDEX_DEPTH = 4;
    private static final String REFERENCE_TYPE = "vnd.docker.reference.type";

    /** The images to load and the signature manifests found, by the manifest digest they sign. */
    record Plan(List<ImageCandidate> images, Map<Digest, Descriptor> signatures, List<ArtifactCandidate> artifacts,
                Map<Digest, Digest> renamedManifests) {
        Plan(List<ImageCandidate> images, Map<Digest, Descriptor> signatures, List<ArtifactCandidate> artifacts) {
            this(images, signatures, artifacts, Map.of());
        }
    }

    /** An artifact of the archive that refers to an image (an SBOM), with its staged manifest. */
    record ArtifactCandidate(Descriptor manifest, StagedBlob manifestBlob, ArtifactManifest artifact) {
    }

    /** An image manifest the index names, with the tags its annotations give. */
    private record IndexImage(Descriptor manifest, List<Reference> tags) {
    }

    private final StagedArchive archive;
    private final Map<Digest, Manifest> manifests = new HashMap<>();

    LoadPlanner(StagedArchive archive) {
        this.archive = archive;
    }

    Plan plan() throws IOException {
        Map<Digest, Descriptor> signatures = new LinkedHashMap<>();
        List<ArtifactCandidate> artifacts = new ArrayList<>();
        List<IndexImage> indexImages = new ArrayList<>();
        Optional<StagedBlob> indexJson = archive.find(ArchiveNames.INDEX);
        if (indexJson.isPresent()) {
            Index index = Index.parse(StagedArchive.read(indexJson.get(), ArchiveNames.INDEX));
            for (Descriptor entry : index.manifests()) {
                Digest signed = SignatureImage.signedManifest(entry);
                ArtifactCandidate artifact = signed == null ? artifact(entry) : null;
                if (signed != null) {
                    signatures.put(signed, entry);
                } else if (artifact != null) {
                    artifacts.add(artifact);
                } else {
                    indexImages.add(new IndexImage(imageManifest(entry, 0), tagsFromAnnotations(entry.annotations())));
                }
            }
        }
        List<ImageCandidate> candidates = new ArrayList<>();
        Optional<StagedBlob> dockerJson = archive.find(ArchiveNames.MANIFEST);
        if (dockerJson.isPresent()) {
            DockerArchiveManifest docker =
                    DockerArchiveManifest.parse(StagedArchive.read(dockerJson.get(), ArchiveNames.MANIFEST));
            for (DockerArchiveManifest.Item item : docker.items()) {
                candidates.add(fromDockerItem(item, indexImages));
            }
        } else if (indexJson.isPresent()) {
            for (IndexImage image : indexImages) {
                candidates.add(fromManifest(image.manifest(), image.tags()));
            }
        } else {
            throw new InvalidArchiveException("not an image archive: it has neither manifest.json nor index.json"
                    + (archive.contains("repositories") ? " (archives of Docker before 1.10 are not supported)" : ""));
        }
        if (candidates.isEmpty()) {
            throw new InvalidArchiveException("the archive holds no image");
        }
        return new Plan(merge(candidates), signatures, artifacts);
    }

    /** The artifact an index entry is (a manifest with a subject), with every blob it names present; else null. */
    private ArtifactCandidate artifact(Descriptor entry) throws IOException {
        if (!entry.mediaType().isEmpty() && !MediaTypes.isManifest(entry.mediaType())) {
            return null;
        }
        StagedBlob blob = blob(entry, "manifest", null);
        ArtifactManifest artifact = ArtifactManifest.parseOrNull(StagedArchive.read(blob, "manifest " + entry.digest()));
        if (artifact == null) {
            return null;
        }
        archive.blob(ArtifactManifest.EMPTY_DESCRIPTOR.digest(), "empty config of artifact " + entry.digest(), null);
        for (Descriptor layer : artifact.layers()) {
            archive.blob(layer.digest(), "blob of artifact " + entry.digest(), null);
        }
        return new ArtifactCandidate(entry, blob, artifact);
    }

    /** One candidate per manifest digest, with the tags of every mention. */
    private static List<ImageCandidate> merge(List<ImageCandidate> candidates) {
        Map<Digest, ImageCandidate> byManifest = new LinkedHashMap<>();
        for (ImageCandidate candidate : candidates) {
            ImageCandidate seen = byManifest.get(candidate.manifest().digest());
            if (seen == null) {
                byManifest.put(candidate.manifest().digest(), candidate);
            } else {
                Set<Reference> tags = new LinkedHashSet<>(seen.tags());
                tags.addAll(candidate.tags());
                byManifest.put(seen.manifest().digest(), seen.withTags(new ArrayList<>(tags)));
            }
        }
        return new ArrayList<>(byManifest.values());
    }

    private ImageCandidate fromDockerItem(DockerArchiveManifest.Item item, List<IndexImage> indexImages)
            throws IOException {
        List<Reference> tags = new ArrayList<>();
        for (String text : item.repoTags()) {
            Reference ref;
            try {
                ref = Reference.parse(text);
            } catch (InvalidReferenceException e) {
                throw new InvalidArchiveException("manifest.json names an invalid tag '" + text + "': "
                        + e.getMessage(), e);
            }
            if (!ref.isDigested() && !tags.contains(ref)) {
                tags.add(ref);
            }
        }
        StagedBlob config = archive.file(item.config(), "manifest.json: the config");
        List<StagedBlob> layers = new ArrayList<>();
        for (String path : item.layers()) {
            layers.add(archive.file(path, "manifest.json: the layer"));
        }
        for (IndexImage image : indexImages) {
            Manifest manifest = manifest(image.manifest());
            if (manifest.config().digest().equals(config.digest()) && sameBlobs(manifest.layers(), layers)) {
                return fromManifest(image.manifest(), tags);
            }
        }
        return synthesized(config, layers, tags);
    }

    private static boolean sameBlobs(List<Descriptor> descriptors, List<StagedBlob> blobs) {
        if (descriptors.size() != blobs.size()) {
            return false;
        }
        for (int i = 0; i < blobs.size(); i++) {
            if (!descriptors.get(i).digest().equals(blobs.get(i).digest())) {
                return false;
            }
        }
        return true;
    }

    /** An image of a {@code docker save} archive that has no OCI manifest: one is made for it. */
    private ImageCandidate synthesized(StagedBlob configBlob, List<StagedBlob> layerBlobs, List<Reference> tags)
            throws IOException {
        String name = tags.isEmpty() ? configBlob.digest().shortId() : tags.get(0).familiarString();
        ImageConfig config = config(configBlob, name);
        requireDiffIds(config, layerBlobs.size(), name);
        List<LayerCandidate> layers = new ArrayList<>();
        List<Descriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < layerBlobs.size(); i++) {
            StagedBlob blob = layerBlobs.get(i);
            Compression compression = sniff(blob);
            Descriptor descriptor = new Descriptor(MediaTypes.ociLayer(compression), blob.digest(), blob.size());
            descriptors.add(descriptor);
            layers.add(new LayerCandidate(blob, descriptor, compression, config.diffIds().get(i)));
        }
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, configBlob.digest(), configBlob.size());
        byte[] json = Manifest.oci(configDescriptor, descriptors).toJson();
        Descriptor manifest = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(json), json.length);
        return new ImageCandidate(manifest, null, json, configBlob, config, layers, tags);
    }

    /** An image whose manifest is in the archive. */
    private ImageCandidate fromManifest(Descriptor descriptor, List<Reference> tags) throws IOException {
        Manifest manifest = manifest(descriptor);
        StagedBlob manifestBlob = archive.blob(descriptor.digest()).orElseThrow();
        String name = tags.isEmpty() ? manifest.config().digest().shortId() : tags.get(0).familiarString();
        StagedBlob configBlob = blob(manifest.config(), "config", name);
        ImageConfig config = config(configBlob, name);
        requireDiffIds(config, manifest.layers().size(), name);
        List<LayerCandidate> layers = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw new InvalidArchiveException("layer " + layer.digest() + " of " + name + " has media type '"
                        + layer.mediaType() + "', which is not an image layer");
            }
            StagedBlob blob = blob(layer, "layer", name);
            boolean encrypted = EncryptionAnnotations.isEncrypted(layer.mediaType());
            Compression declared = MediaTypes.layerCompression(EncryptionAnnotations.plainMediaType(layer.mediaType()));
            Compression actual = encrypted ? declared : sniff(blob); // ciphertext is checked once decrypted
            if (declared != actual) {
                throw new InvalidArchiveException("layer " + layer.digest() + " of " + name + " is declared "
                        + declared.label() + " (" + layer.mediaType() + ") but is " + actual.label());
            }
            layers.add(new LayerCandidate(blob, layer, declared, config.diffIds().get(i)));
        }
        String mediaType = manifest.mediaType().isEmpty() ? descriptor.mediaType() : manifest.mediaType();
        Descriptor named = new Descriptor(mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType,
                descriptor.digest(), manifestBlob.size());
        return new ImageCandidate(named, manifestBlob, null, configBlob, config, layers, tags);
    }

    /** The blob a descriptor names, present and of the announced size. */
    private StagedBlob blob(Descriptor descriptor, String kind, String image) {
        StagedBlob blob = archive.blob(descriptor.digest(), kind, image);
        if (blob.size() != descriptor.size()) {
            throw new BlobCorruptedException(descriptor.digest(), descriptor.size(), blob.size());
        }
        return blob;
    }

    private Manifest manifest(Descriptor descriptor) throws IOException {
        Manifest cached = manifests.get(descriptor.digest());
        if (cached == null) {
            StagedBlob blob = blob(descriptor, "image manifest", null);
            cached = Manifest.parse(StagedArchive.read(blob, "image manifest " + descriptor.digest()));
            manifests.put(descriptor.digest(), cached);
        }
        return cached;
    }

    private static ImageConfig config(StagedBlob blob, String name) throws IOException {
        return ImageConfig.parse(StagedArchive.read(blob, "the config of " + name));
    }

    private static void requireDiffIds(ImageConfig config, int layers, String name) {
        if (config.diffIds().size() != layers) {
            throw new InvalidArchiveException("image " + name + ": its config lists " + config.diffIds().size()
                    + " diff_ids for " + layers + " layers");
        }
    }

    private static Compression sniff(StagedBlob blob) throws IOException {
        try (InputStream in = blob.open()) {
            return CompressionStreams.sniff(in);
        }
    }

    /**
     * The image manifest an index entry stands for: itself, or for a nested index (a multi-platform
     * image, as Docker 29 and buildx save them) the manifest for this machine's platform, else the
     * first one present, never an attestation.
     */
    private Descriptor imageManifest(Descriptor entry, int depth) throws IOException {
        String mediaType = entry.mediaType();
        if (mediaType.isEmpty() || MediaTypes.isManifest(mediaType)) {
            blob(entry, "image manifest", null);
            return entry;
        }
        if (!MediaTypes.isIndex(mediaType) || depth >= MAX_INDEX_DEPTH) {
            throw new InvalidArchiveException("index entry " + entry.digest() + " has media type '" + mediaType
                    + "', which is not an image");
        }
        Index nested = Index.parse(StagedArchive.read(blob(entry, "image index", null), "image index " + entry.digest()));
        Platform host = Platform.host();
        Descriptor chosen = null;
        for (Descriptor child : nested.manifests()) {
            if (child.annotations().containsKey(REFERENCE_TYPE) || archive.blob(child.digest()).isEmpty()) {
                continue;
            }
            Platform platform = child.platform();
            boolean matches = platform != null && platform.os().equals(host.os())
                    && platform.architecture().equals(host.architecture());
            if (matches) {
                chosen = child;
                break;
            }
            if (chosen == null && (platform == null || !platform.os().equals("unknown"))) {
                chosen = child;
            }
        }
        if (chosen == null) {
            throw new InvalidArchiveException("image index " + entry.digest() + " has no image for " + host
                    + " in the archive");
        }
        return imageManifest(chosen, depth + 1);
    }

    /**
     * The tag an index entry's annotations give: containerd's full name, else an OCI ref name that is a
     * whole reference ({@code busybox:latest}, {@code docker.io/library/busybox:1}); a ref name that is
     * only a tag names no repository, and the image loads untagged.
     */
    static List<Reference> tagsFromAnnotations(Map<String, String> annotations) {
        String name = annotations.get(ArchiveNames.IMAGE_NAME_ANNOTATION);
        if (name == null) {
            String refName = annotations.get(Index.REF_NAME);
            if (refName == null || (refName.indexOf(':') < 0 && refName.indexOf('/') < 0)) {
                return List.of();
            }
            name = refName;
        }
        Reference ref;
        try {
            ref = Reference.parseNormalized(name);
        } catch (InvalidReferenceException e) {
            throw new InvalidArchiveException("index.json names an invalid reference '" + name + "': "
                    + e.getMessage(), e);
        }
        if (ref.isTagged()) {
            return List.of(new Reference(ref.domain(), ref.path(), ref.tag(), null));
        }
        return ref.isDigested() ? List.of() : List.of(ref.withTag(Reference.DEFAULT_TAG));
    }
}
