package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.BlobStore;
import dev.jbuild.store.StagedBlob;
import dev.jbuild.transfer.crypt.DecryptionKey;
import dev.jbuild.transfer.crypt.EncryptionAnnotations;
import dev.jbuild.transfer.crypt.LayerEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code load --decrypt}: the encrypted layers of a planned load, decrypted into the store's temp area
 * (each checked against its HMAC and against the plaintext digest its wrapped options name), and each
 * image that had one given a manifest of the plaintext layers. The config is untouched, so the image
 * ID is the plaintext image's. Runs after signatures were checked (they sign what the archive holds)
 * and before anything is stored, so a wrong key or an altered layer stores nothing.
 */
final class LayerDecryption {
    private LayerDecryption() {
    }

    static boolean isEncrypted(ImageCandidate image) {
        return image.layers().stream().anyMatch(l -> EncryptionAnnotations.isEncrypted(l.descriptor().mediaType()));
    }

    static LoadPlanner.Plan apply(LoadPlanner.Plan plan, DecryptionKey key, BlobStore blobs) throws IOException {
        List<ImageCandidate> images = new ArrayList<>();
        Map<Digest, Digest> renamed = new LinkedHashMap<>(plan.renamedManifests());
        for (ImageCandidate image : plan.images()) {
            if (!isEncrypted(image)) {
                images.add(image);
                continue;
            }
            if (key == null) {
                throw new InvalidArchiveException("image " + image.displayName() + " has encrypted layers: load it "
                        + "with --decrypt PRIVATE_KEY");
            }
            ImageCandidate decrypted = decrypt(image, key, blobs);
            renamed.put(image.manifest().digest(), decrypted.manifest().digest());
            images.add(decrypted);
        }
        return new LoadPlanner.Plan(images, plan.signatures(), plan.artifacts(), renamed);
    }

    private static ImageCandidate decrypt(ImageCandidate image, DecryptionKey key, BlobStore blobs) throws IOException {
        List<LayerCandidate> layers = new ArrayList<>();
        List<Descriptor> descriptors = new ArrayList<>();
        for (LayerCandidate layer : image.layers()) {
            if (!EncryptionAnnotations.isEncrypted(layer.descriptor().mediaType())) {
                layers.add(layer);
                descriptors.add(layer.descriptor());
                continue;
            }
            StagedBlob plain;
            Descriptor descriptor;
            try (InputStream encrypted = layer.blob().open()) {
                LayerEncryption.Opened opened = LayerEncryption.open(encrypted, layer.descriptor(), key);
                plain = blobs.stage(opened.plaintext(), opened.plain().digest(), -1);
                descriptor = new Descriptor(opened.plain().mediaType(), plain.digest(), plain.size(),
                        opened.plain().annotations(), null);
            }
            layers.add(new LayerCandidate(plain, descriptor, layer.compression(), layer.diffId()));
            descriptors.add(descriptor);
        }
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, image.configBlob().digest(), image.configBlob().size());
        byte[] json = Manifest.oci(config, descriptors).toJson();
        Descriptor manifest = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(json), json.length);
        return new ImageCandidate(manifest, null, json, image.configBlob(), image.config(), layers, image.tags());
    }
}
