package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest rebuilt on its way out ({@code push --compress} over a layer the store holds uncompressed,
 * {@code push --encrypt}) keeps a non-distributable layer as the image had it: its media type, its
 * {@code urls} (where a client fetches it, since no registry holds it) and its annotations.
 */
class RebuiltManifestForeignLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "https://mcr.example.invalid/layers/base.tar.gz";
    private static final Map<String, String> ANNOTATIONS = Map.of("com.example.layer.origin", "windows-base");

    @TempDir
    Path scratch;

    /** An image whose first layer the store holds uncompressed and whose second is a foreign layer with URLs. */
    private ImageRecord foreignImage(Path root) throws Exception {
        try (ImageStore store = ImageStore.open(root)) {
            ImageRecord built = TestImages.layered(store, scratch, 2, 2000, 91, "built:1");
            Descriptor gzip = store.compressedCache().variant(built.manifest().layers().get(1), built.diffIds().get(1),
                    Compression.GZIP);
            Descriptor foreign = gzip.withMediaType(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP).withUrls(List.of(URL))
                    .withAnnotations(ANNOTATIONS);
            return store.writeImage(built.config(), List.of(built.manifest().layers().get(0), foreign), "win:1");
        }
    }

    private static void assertForeignLayerKept(JsonNode manifest, ImageRecord image) {
        JsonNode layer = manifest.path("layers").get(1);
        Descriptor stored = image.manifest().layers().get(1);
        assertEquals(stored.digest().value(), layer.path("digest").asText(), manifest.toString());
        assertEquals(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP, layer.path("mediaType").asText());
        assertEquals(URL, layer.path("urls").get(0).asText(), "the urls survive: " + layer);
        assertEquals("windows-base", layer.path("annotations").path("com.example.layer.origin").asText(), layer.toString());
    }

    @Test
    void pushWithCompressOrEncryptKeepsTheForeignLayersUrlsAndAnnotations() throws Exception {
        Tools.require("skopeo");
        Tools.require("openssl");
        Tools.run(scratch, "sh", "-c", "openssl genrsa -out rsa.pem 2048 2>/dev/null && openssl rsa -in rsa.pem "
                + "-pubout -out rsa.pub 2>/dev/null");
        String store = scratch.resolve("a").toString();
        ImageRecord image = foreignImage(Path.of(store));
        CliRuns cli = new CliRuns(scratch);
        try (RegistryServer registry = RegistryServer.plainAllowingForeignUrls(scratch.resolve("registry"))) {
            String compressed = registry.host() + "/win/compressed:1";
            cli.ok("--root", store, "tag", "win:1", compressed);
            cli.ok("--root", store, "push", "--compress", "gzip", compressed);
            JsonNode pushed = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "--raw", "--tls-verify=false",
                    "docker://" + compressed));
            assertEquals(MediaTypes.OCI_LAYER_GZIP, pushed.path("layers").get(0).path("mediaType").asText(),
                    "the manifest was rebuilt over a compressed first layer");
            assertForeignLayerKept(pushed, image);

            String sealed = registry.host() + "/win/sealed:1";
            cli.ok("--root", store, "tag", "win:1", sealed);
            cli.ok("--root", store, "push", "--encrypt", "jwe:" + scratch.resolve("rsa.pub"), sealed);
            JsonNode encrypted = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "--raw", "--tls-verify=false",
                    "docker://" + sealed));
            assertTrue(encrypted.path("layers").get(0).path("mediaType").asText().endsWith("+encrypted"),
                    encrypted.toString());
            assertForeignLayerKept(encrypted, image);
        }
    }
}
