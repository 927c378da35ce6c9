package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.TestIndexes;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Indexes, artifacts and schema 1 as a real registry serves them. */
class MediaTypesTest extends TwoMachinesTest {
    /** An artifact manifest (a signature-like blob as config and layer) pushed under {@code tag}. */
    private Descriptor pushArtifact(String repository, String tag) throws Exception {
        RegistryClient client = registries.forPush(registry.host());
        byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
        Descriptor blob = first.blobs().put(payload, "application/vnd.dev.cosign.simplesigning.v1+json");
        Descriptor empty = first.blobs().put("{}".getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_EMPTY);
        new BlobPusher(first, registries.settings(), TransferListener.NONE).pushAll(client, repository,
                List.of(blob, empty), 0);
        var manifest = CanonicalJson.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", "application/vnd.dev.sigstore.bundle+json");
        manifest.set("config", empty.toJson());
        manifest.putArray("layers").add(blob.toJson());
        byte[] bytes = CanonicalJson.bytes(manifest);
        client.putManifest(repository, tag, MediaTypes.OCI_MANIFEST, bytes);
        return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(bytes), bytes.length);
    }

    @Test
    void anIndexResolvesToThisPlatformAndItsArtifactsAreListedAndSkipped() throws Exception {
        ImageRecord image = TestImages.layered(first, scratch, 2, 1000, 30, "app:1");
        Descriptor imageEntry = TestIndexes.pushEntry(first, registries, "app:1", registry.host(), "multi",
                Platform.host());
        Descriptor artifact = pushArtifact("multi", "sig");
        Descriptor attestation = new Descriptor(MediaTypes.OCI_MANIFEST, artifact.digest(), artifact.size(),
                Map.of("vnd.docker.reference.type", "attestation-manifest"), new Platform("unknown", "unknown"));
        Digest index = TestIndexes.putIndex(registries, registry.host(), "multi", "1", List.of(attestation, imageEntry));

        PullResult pulled = new ImagePuller(second, registries, TransferListener.NONE)
                .pull(Reference.parse(registry.host() + "/multi:1"));
        assertEquals(image.id(), pulled.image().id());
        assertEquals(index, pulled.digest(), "named by the index's digest, as Docker does");
        assertEquals(List.of(artifact.digest().shortId() + " (attestation)"), pulled.skipped());

        UnsupportedManifestException other = assertThrows(UnsupportedManifestException.class,
                () -> new ImagePuller(second, registries, TransferListener.NONE)
                        .pull(Reference.parse(registry.host() + "/multi:1"), new Platform("arm64", "linux")));
        assertTrue(other.getMessage().contains("has no image for linux/arm64 (it has " + Platform.host() + ")"),
                other.getMessage());
    }

    @Test
    void anArtifactIsRefusedAsNotAnImageAndNothingIsStored() throws Exception {
        pushArtifact("signed", "sig");
        UnsupportedManifestException refused = assertThrows(UnsupportedManifestException.class,
                () -> new ImagePuller(second, registries, TransferListener.NONE)
                        .pull(Reference.parse(registry.host() + "/signed:sig")));
        assertEquals(registry.host() + "/signed:sig is an OCI artifact of type "
                + "'application/vnd.dev.sigstore.bundle+json', not an image; nothing was pulled", refused.getMessage());
        assertTrue(second.blobs().list().isEmpty());
    }

    @Test
    void schemaOneIsRecognisedWhateverItIsLabelled() {
        byte[] signed = ("{\"schemaVersion\":1,\"name\":\"library/old\",\"tag\":\"1\",\"fsLayers\":[],"
                + "\"signatures\":[]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(ManifestKinds.Kind.SCHEMA1, ManifestKinds.classify(signed, ManifestKinds.DOCKER_SCHEMA1_SIGNED).kind());
        assertEquals(ManifestKinds.Kind.SCHEMA1, ManifestKinds.classify(signed, "application/json").kind());
        byte[] docker = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":"
                + "{\"mediaType\":\"" + MediaTypes.DOCKER_CONFIG + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(ManifestKinds.Kind.IMAGE, ManifestKinds.classify(docker, null).kind());
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(ManifestKinds.Kind.INDEX, ManifestKinds.classify(list, null).kind());
    }
}
