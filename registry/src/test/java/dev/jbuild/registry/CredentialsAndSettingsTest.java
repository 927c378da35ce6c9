package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's credential helpers and credsStore, the settings file, and mirrors for docker.io. */
class CredentialsAndSettingsTest {
    @TempDir
    Path scratch;

    /**
     * A credential helper speaking Docker's protocol (verb as argument, JSON or the server URL on stdin),
     * keeping what it is given in a file beside itself.
     */
    private Path helper() throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("helpers"));
        Path script = dir.resolve("docker-credential-jbtest");
        Files.writeString(script, """
                #!/bin/sh
                dir="$(dirname "$0")"
                case "$1" in
                  store) cat > "$dir/stored.json" ;;
                  get) read -r server
                       if [ -f "$dir/stored.json" ]; then cat "$dir/stored.json"
                       else echo "credentials not found in native keychain"; exit 1; fi ;;
                  erase) rm -f "$dir/stored.json" ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    @Test
    void credsStoreHelperKeepsTheSecretOutOfConfigJsonAndServesPulls() throws Exception {
        Path helpers = helper();
        Path docker = Files.createDirectories(scratch.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"jbtest\",\"detachKeys\":\"ctrl-q\"}");
        RegistrySettings settings = RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(docker).withHelperPath(List.of(helpers));
        try (RegistryServer registry = RegistryServer.htpasswd(scratch.resolve("registry"), "carol", "hunter22");
             ImageStore store = ImageStore.open(scratch.resolve("store"));
             ImageStore other = ImageStore.open(scratch.resolve("other"));
             Registries registries = new Registries(settings)) {
            registries.login(registry.host(), new Credentials("carol", "hunter22"));
            String config = Files.readString(docker.resolve("config.json"));
            assertFalse(config.contains("hunter22"), "the secret went to the helper, not the file: " + config);
            assertFalse(config.contains(java.util.Base64.getEncoder().encodeToString("carol:hunter22".getBytes())));
            assertTrue(config.contains("\"detachKeys\" : \"ctrl-q\""), "other keys are kept: " + config);
            assertTrue(Files.readString(helpers.resolve("stored.json")).contains("\"Secret\":\"hunter22\""));

            ImageRecord image = TestImages.layered(store, scratch, 1, 100, 50, "app:1");
            Reference ref = Reference.parse(registry.host() + "/carol/app:1");
            try (Registries fresh = new Registries(settings)) {
                new ImagePusher(store, fresh, TransferListener.NONE).push("app:1", ref, PushOptions.defaults());
                assertEquals(image.id(), new ImagePuller(other, fresh, TransferListener.NONE).pull(ref).image().id());
            }
            assertTrue(registries.logout(registry.host()));
            assertFalse(Files.exists(helpers.resolve("stored.json")), "logout erased it from the helper");
        }
    }

    @Test
    void settingsFileNamesInsecureRegistriesAndMirrors() throws Exception {
        Path file = scratch.resolve("registries.json");
        Files.writeString(file, "{\"insecure-registries\":[\"Registry.LAN:5000\"],"
                + "\"registry-mirrors\":[\"https://mirror.example.com/\"]}");
        RegistrySettings settings = RegistrySettings.load(Map.of("HOME", scratch.toString(),
                RegistrySettings.FILE_ENV, file.toString()));
        assertEquals(List.of("registry.lan:5000"), settings.insecure());
        assertEquals(List.of(URI.create("https://mirror.example.com")), settings.mirrors());
        assertEquals("http://registry.lan:5000",
                RegistryHost.forPush("registry.lan:5000", settings).get(1).base().toString());

        Files.writeString(file, "{\"insecure-registries\": [");
        RegistryException broken = org.junit.jupiter.api.Assertions.assertThrows(RegistryException.class,
                () -> RegistrySettings.load(Map.of(RegistrySettings.FILE_ENV, file.toString())));
        assertTrue(broken.getMessage().startsWith(file + " is not valid JSON"), broken.getMessage());
    }

    @Test
    void dockerHubImagesArePulledFromAMirrorFirst() throws Exception {
        try (RegistryServer mirror = RegistryServer.plain(scratch.resolve("mirror"));
             ImageStore store = ImageStore.open(scratch.resolve("store"));
             ImageStore other = ImageStore.open(scratch.resolve("other"))) {
            RegistrySettings settings = RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                    .withDockerConfigDirectory(scratch.resolve("docker"))
                    .withMirrors(List.of(URI.create("http://" + mirror.host())));
            ImageRecord image = TestImages.layered(store, scratch, 1, 100, 51, "app:1");
            try (Registries registries = new Registries(settings)) {
                new ImagePusher(store, registries, TransferListener.NONE).push("app:1",
                        Reference.parse(mirror.host() + "/library/busybox:1.36"), PushOptions.defaults());
                // Docker Hub cannot be reached from here: the image can only have come from the mirror.
                PullResult pulled = new ImagePuller(other, registries, TransferListener.NONE)
                        .pull(Reference.parse("busybox:1.36"));
                assertEquals(image.id(), pulled.image().id());
                assertTrue(pulled.image().references().contains(Reference.parse("docker.io/library/busybox:1.36")));
            }
        }
    }
}
