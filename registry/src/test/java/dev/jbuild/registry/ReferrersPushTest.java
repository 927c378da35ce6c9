package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's SBOM goes out with it as an OCI 1.1 referrer. Docker's registry 2.8 has no referrers API
 * (it does not answer {@code OCI-Subject}), so the referrers tag schema is what a client reads back:
 * {@code GET /v2/<repo>/manifests/sha256-<subject hex>}, an index listing the artifact.
 */
class ReferrersPushTest {
    private static final String CYCLONEDX = "application/vnd.cyclonedx+json";

    @TempDir
    Path scratch;

    @Test
    void theStoredSbomIsPushedAsAReferrerListedUnderTheReferrersTag() throws Exception {
        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"));
             ImageStore store = ImageStore.open(scratch.resolve("store"));
             Registries registries = new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                     .withDockerConfigDirectory(scratch.resolve("docker")))) {
            ImageRecord image = TestImages.layered(store, scratch, 2, 1000, 70, "app:1");
            byte[] sbom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
            Descriptor blob = store.blobs().put(sbom, CYCLONEDX);
            store.referrers().add(new ArtifactManifest(CYCLONEDX, List.of(blob), new Descriptor(MediaTypes.OCI_MANIFEST,
                    image.manifestDigest(), store.blobs().size(image.manifestDigest())),
                    Map.of("org.opencontainers.image.created", "2024-05-06T07:08:09Z")));

            PushResult pushed = new ImagePusher(store, registries, TransferListener.NONE)
                    .push("app:1", Reference.parse(registry.host() + "/team/app:1"), PushOptions.defaults());
            assertNotEquals(image.manifestDigest(), pushed.digest(), "layers compressed for the push: another manifest");

            JsonNode index = CanonicalJson.parse(get(registry, "/v2/team/app/manifests/sha256-" + pushed.digest().hex(),
                    MediaTypes.OCI_INDEX));
            assertEquals(MediaTypes.OCI_INDEX, index.path("mediaType").asText());
            assertEquals(1, index.path("manifests").size(), index.toString());
            JsonNode entry = index.path("manifests").get(0);
            assertEquals(CYCLONEDX, entry.path("artifactType").asText());
            assertEquals("2024-05-06T07:08:09Z", entry.path("annotations").path("org.opencontainers.image.created").asText());

            byte[] manifestBytes = get(registry, "/v2/team/app/manifests/" + entry.path("digest").asText(),
                    MediaTypes.OCI_MANIFEST);
            ArtifactManifest artifact = ArtifactManifest.parseOrNull(manifestBytes);
            assertEquals(pushed.digest(), artifact.subject().digest(), "re-pointed at the manifest the registry has");
            assertEquals(pushed.manifestSize(), artifact.subject().size());
            assertArrayEquals(sbom, get(registry, "/v2/team/app/blobs/" + artifact.layers().get(0).digest().value(), "*/*"));

            // Pushed again: the referrers tag still lists it once.
            new ImagePusher(store, registries, TransferListener.NONE)
                    .push("app:1", Reference.parse(registry.host() + "/team/app:1"), PushOptions.defaults());
            JsonNode again = CanonicalJson.parse(get(registry, "/v2/team/app/manifests/sha256-" + pushed.digest().hex(),
                    MediaTypes.OCI_INDEX));
            assertEquals(1, again.path("manifests").size());

            // The image itself pulls as before: the referrers tag is beside it, not in it.
            try (ImageStore other = ImageStore.open(scratch.resolve("other"))) {
                assertEquals(image.id(), new ImagePuller(other, registries, TransferListener.NONE)
                        .pull(Reference.parse(registry.host() + "/team/app:1")).image().id());
            }
            assertTrue(registry.log().contains("sha256-" + pushed.digest().hex()));
        }
    }

    private static byte[] get(RegistryServer registry, String path, String accept) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(registry.baseUrl() + path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }
}
