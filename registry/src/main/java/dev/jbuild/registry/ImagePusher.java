package dev.jbuild.registry;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code push}: an image of the store to a registry. Each blob is asked for first (HEAD) and not sent
 * when the repository has it; a blob that another repository of the same registry is known to hold is
 * mounted from there; the rest are uploaded (in one PUT, or in chunks), a few at a time, each tried
 * again from the start when its upload fails. The manifest goes last, so a push that dies midway
 * never leaves a tag that points at missing blobs. Layers the store holds uncompressed are sent
 * compressed (gzip unless asked otherwise, compressed once and cached); non-distributable layers are
 * left to the URLs the manifest gives for them. Artifacts that refer to the image (its SBOM) follow it as
 * OCI 1.1 referrers.
 */
public final class ImagePusher {
    private final ImageStore store;
    private final Registries registries;
    private final TransferListener listener;
    private final BlobPusher blobs;

    public ImagePusher(ImageStore store, Registries registries, TransferListener listener) {
        this.store = store;
        this.registries = registries;
        this.listener = listener;
        this.blobs = new BlobPusher(store, registries.settings(), listener);
    }

    /**
     * Pushes the store's image {@code source} (a name, reference or ID) as {@code target}.
     *
     * @throws dev.jbuild.store.ImageNotFoundException when the store has no such image
     */
    public PushResult push(String source, Reference target, PushOptions options) throws IOException {
        ImageRecord image = store.image(source);
        Reference ref = target.isTagged() || target.isDigested() ? target : target.withTag(Reference.DEFAULT_TAG);
        RegistryClient client = registries.forPush(ref.domain());
        listener.on(new TransferEvent.Notice("The push refers to repository [" + ref.repository().familiarName() + "]"));

        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < image.manifest().layers().size(); i++) {
            Descriptor stored = image.manifest().layers().get(i);
            boolean plain = MediaTypes.layerCompression(stored.mediaType()) == Compression.NONE;
            layers.add(plain && !isForeign(stored) && options.compression() != Compression.NONE
                    ? store.compressedCache().variant(stored, image.diffIds().get(i), options.compression()) : stored);
        }
        Map<Digest, Path> sealedFiles = new LinkedHashMap<>();
        Path sealDir = options.sealer() == null ? null : store.newTempDirectory("push-seal");
        try {
            if (sealDir != null) {
                layers = seal(layers, options.sealer(), sealDir, sealedFiles);
            }
            return pushLayers(image, ref, client, layers, sealedFiles, options);
        } finally {
            if (sealDir != null) {
                dev.jbuild.platform.FileTrees.delete(sealDir);
            }
        }
    }

    /** Each distributable layer sealed into a file of {@code dir}; the same layer twice is sealed once. */
    private List<Descriptor> seal(List<Descriptor> layers, LayerSealer sealer, Path dir, Map<Digest, Path> files)
            throws IOException {
        Map<Digest, Descriptor> done = new LinkedHashMap<>();
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor layer : layers) {
            if (isForeign(layer)) {
                out.add(layer);
                continue;
            }
            Descriptor sealed = done.get(layer.digest());
            if (sealed == null) {
                Path file = dir.resolve("layer-" + done.size());
                try (InputStream in = store.blobs().open(layer)) {
                    sealed = sealer.seal(in, layer, file);
                }
                done.put(layer.digest(), sealed);
                files.put(sealed.digest(), file);
            }
            out.add(sealed);
        }
        return out;
    }

    private PushResult pushLayers(ImageRecord image, Reference ref, RegistryClient client, List<Descriptor> layers,
                                  Map<Digest, Path> sealedFiles, PushOptions options) throws IOException {
        String repository = ref.path();
        ImageStore.OutgoingManifest manifest = store.outgoingManifest(image, layers);

        Map<Digest, Descriptor> unique = new LinkedHashMap<>();
        for (Descriptor layer : layers) {
            if (isForeign(layer)) {
                listener.on(new TransferEvent.Blob(layer.digest(), TransferEvent.Phase.SKIPPED, 0, layer.size()));
            } else {
                unique.putIfAbsent(layer.digest(), layer);
            }
        }
        unique.putIfAbsent(image.id(), image.manifest().config());
        BlobPusher.Counts counts = blobs.pushAll(client, repository, List.copyOf(unique.values()), options.chunkSize(),
                sealedFiles);
        String tagOrDigest = ref.isTagged() ? ref.tag() : manifest.digest().value();
        Digest digest;
        try {
            digest = client.putManifest(repository, tagOrDigest, manifest.mediaType(), manifest.bytes());
        } catch (RegistryProtocolException refused) {
            if (layers.stream().noneMatch(ImagePusher::isForeign)) {
                throw refused;
            }
            // Docker's registry answers "invalid URL on layer" with a 500 unless its configuration allows the URLs.
            throw new RegistryProtocolException(refused.getMessage() + " (the image has non-distributable layers: "
                    + "a registry may refuse their URLs; Docker's registry takes them only where its "
                    + "validation.manifests.urls.allow names them)", refused.status());
        }
        listener.on(new TransferEvent.Notice((ref.isTagged() ? ref.tag() : "digest") + ": digest: " + digest + " size: "
                + manifest.bytes().length));
        // After the image: a referrer's subject must exist first, and a push that dies here leaves a whole image.
        // An SBOM in the clear beside sealed layers would give their contents away: it stays home then.
        if (options.sealer() == null) {
            new ReferrerPusher(store, blobs, listener).push(client, repository, image,
                    new Descriptor(manifest.mediaType(), digest, manifest.bytes().length), options.chunkSize());
        } else if (!store.referrers().manifests(image.manifestDigest()).isEmpty()) {
            listener.on(new TransferEvent.Notice("the image's SBOM and other referrers were not pushed: they are not "
                    + "encrypted"));
        }
        return new PushResult(ref, digest, manifest.bytes().length, counts.uploaded(), counts.mounted(),
                counts.existing(), counts.bytes());
    }

    private static boolean isForeign(Descriptor layer) {
        return MediaTypes.isNonDistributable(layer.mediaType());
    }
}
