package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.store.ImageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push --encrypt}: layers go to the registry encrypted as ocicrypt does, and skopeo (Debian's,
 * which implements ocicrypt) copies them out with {@code --decryption-key} to the plaintext image.
 */
class EncryptedPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;


    @Test
    void pushedLayersStayEncryptedAndSkopeoDecryptsThemToTheSameImage() throws Exception {
        Tools.require("skopeo");
        Tools.require("openssl");
        Tools.run(scratch, "sh", "-c", "openssl genrsa -out rsa.pem 2048 2>/dev/null && openssl rsa -in rsa.pem "
                + "-pubout -out rsa.pub 2>/dev/null");
        CliRuns cli = new CliRuns(scratch);
        Path rootfs = Files.createDirectories(scratch.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("secret"), "the appliance's secret\n");
        String store = scratch.resolve("a").toString();
        String id = cli.ok("--root", store, "import", scratch.resolve("rootfs").toString(), "app:1").out().trim();

        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"))) {
            String name = registry.host() + "/sealed/app:1";
            cli.ok("--root", store, "tag", "app:1", name);
            cli.ok("--root", store, "push", "--encrypt", "jwe:" + scratch.resolve("rsa.pub"), name);

            JsonNode manifest = JSON.readTree(Tools.run(scratch, "skopeo", "inspect", "--raw", "--tls-verify=false",
                    "docker://" + name));
            assertEquals(id, manifest.path("config").path("digest").asText(), "the config is not encrypted");
            JsonNode layer = manifest.path("layers").get(0);
            assertEquals("application/vnd.oci.image.layer.v1.tar+gzip+encrypted", layer.path("mediaType").asText());
            assertTrue(layer.path("annotations").has("org.opencontainers.image.enc.keys.jwe"), layer.toString());
            byte[] blob = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.baseUrl()
                    + "/v2/sealed/app/blobs/" + layer.path("digest").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertFalse(blob[0] == 0x1f && blob[1] == (byte) 0x8b, "what the registry holds is not readable gzip");
            assertFalse(new String(blob, StandardCharsets.ISO_8859_1).contains("the appliance's secret"));
            try (ImageStore opened = ImageStore.open(Path.of(store))) {
                assertTrue(opened.image("app:1").manifest().layers().stream()
                        .noneMatch(l -> l.mediaType().endsWith("+encrypted")), "the store keeps its plain layers");
            }

            Path plain = scratch.resolve("plain.tar");
            Tools.run(scratch, "skopeo", "copy", "--src-tls-verify=false", "--decryption-key",
                    scratch.resolve("rsa.pem").toString(), "docker://" + name, "oci-archive:" + plain + ":app:1");
            String other = scratch.resolve("b").toString();
            cli.ok("--root", other, "load", "-i", plain.toString());
            try (ImageStore opened = ImageStore.open(Path.of(other))) {
                assertEquals(id, opened.image("app:1").id().value(), "decrypted by skopeo to the very same image");
            }

            CliRuns.Run pulled = cli.run("--root", scratch.resolve("c").toString(), "pull", name);
            assertEquals(1, pulled.exit());
            assertTrue(pulled.err().matches("jbuild: " + java.util.regex.Pattern.quote(name) + ": layer [0-9a-f]{12} is "
                    + "encrypted \\(OCI image encryption\\), which pull does not decrypt; .*nothing was pulled\n"),
                    pulled.err());
        }
    }
}
