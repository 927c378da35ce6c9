package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.BlobCorruptedException;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One file kept in a registry as an OCI artifact of its own type under a tag: the empty config, the
 * file as the only layer. For what jbuild keeps beside a shared build cache ({@code mounts=true}: the
 * cache mounts' export). Coming down, the file is verified against its digest and size while it streams.
 */
public final class RegistryFileArtifact {
    private final Reference ref;
    private final Registries registries;
    private final ImageStore store;

    public RegistryFileArtifact(Reference ref, Registries registries, ImageStore store) {
        if (!ref.isTagged() || ref.isDigested()) {
            throw new IllegalArgumentException(ref.familiarString() + ": an artifact is kept under a tag");
        }
        this.ref = ref;
        this.registries = registries;
        this.store = store;
    }

    /** Pushes {@code file} (the blobs, then the manifest under the tag). */
    public void push(Path file, String artifactType, String mediaType) throws IOException {
        java.security.MessageDigest sha = dev.jbuild.platform.Sha256.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        Digest digest = Digest.finish(sha);
        Descriptor layer = new Descriptor(mediaType, digest, Files.size(file));
        store.blobs().put(ArtifactManifest.EMPTY_CONFIG, MediaTypes.OCI_EMPTY);
        RegistryClient client = registries.forPush(ref.domain());
        new BlobPusher(store, registries.settings(), TransferListener.NONE).pushAll(client, ref.path(),
                List.of(ArtifactManifest.EMPTY_DESCRIPTOR, layer), 0, Map.of(digest, file));
        var manifest = CanonicalJson.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", artifactType);
        manifest.set("config", ArtifactManifest.EMPTY_DESCRIPTOR.toJson());
        manifest.putArray("layers").add(layer.toJson());
        client.putManifest(ref.path(), ref.tag(), MediaTypes.OCI_MANIFEST, CanonicalJson.bytes(manifest));
    }

    /**
     * Fetches the file into {@code target}; false when the registry has nothing under the tag.
     *
     * @throws RegistryProtocolException when the tag holds something else than an artifact of this type
     */
    public boolean fetch(Path target, String artifactType) throws IOException {
        RegistryClient client = registries.forPush(ref.domain());
        RegistryClient.FetchedManifest fetched;
        try {
            fetched = client.manifest(ref.path(), ref.tag());
        } catch (NotFoundInRegistryException e) {
            return false;
        }
        JsonNode manifest = CanonicalJson.parse(fetched.bytes());
        JsonNode layers = manifest.path("layers");
        if (!artifactType.equals(manifest.path("artifactType").asText()) || layers.size() != 1) {
            throw new RegistryProtocolException(ref.familiarString() + " is not an artifact of type " + artifactType, 0);
        }
        Descriptor layer = Descriptor.fromJson(layers.get(0), "artifact layer");
        StagedBlob staged;
        try (InputStream in = client.blob(ref.path(), layer, n -> { })) {
            staged = store.blobs().stage(in, layer.digest(), layer.size());
        } catch (BlobCorruptedException e) {
            throw new BlobMismatchException("blob " + layer.digest() + " of " + ref.familiarString() + " is not what its "
                    + "digest says: " + e.getMessage(), e);
        }
        try (InputStream in = staged.open(); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        } finally {
            staged.discard();
        }
        return true;
    }
}
