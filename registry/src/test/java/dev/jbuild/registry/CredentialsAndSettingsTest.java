package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.CredentialHelperScript;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's credential helpers and credsStore, the settings file, and mirrors for docker.io. */
class CredentialsAndSettingsTest {
    @TempDir
    Path scratch;

    @Test
    void credsStoreHelperKeepsTheSecretOutOfConfigJsonAndServesPulls() throws Exception {
        Path helpers = scratch.resolve("helpers");
        CredentialHelperScript helper = CredentialHelperScript.install(helpers, "jbtest");
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
            assertTrue(helper.stored(registry.host()).contains("\"Secret\":\"hunter22\""));

            ImageRecord image = TestImages.layered(store, scratch, 1, 100, 50, "app:1");
            Reference ref = Reference.parse(registry.host() + "/carol/app:1");
            try (Registries fresh = new Registries(settings)) {
                new ImagePusher(store, fresh, TransferListener.NONE).push("app:1", ref, PushOptions.defaults());
                assertEquals(image.id(), new ImagePuller(other, fresh, TransferListener.NONE).pull(ref).image().id());
            }
            assertTrue(registries.logout(registry.host()));
            assertNull(helper.stored(registry.host()), "logout erased it from the helper");
        }
    }

    /**
     * {@code credHelpers} names a helper per registry and wins over {@code credsStore}, as in the Docker
     * CLI; the helpers are found on the PATH the settings were made from.
     */
    @Test
    void credHelpersPickAHelperPerRegistryOverTheCredsStore() throws Exception {
        Path helpers = scratch.resolve("helpers");
        CredentialHelperScript one = CredentialHelperScript.install(helpers, "jbone");
        CredentialHelperScript two = CredentialHelperScript.install(helpers, "jbtwo");
        CredentialHelperScript store = CredentialHelperScript.install(helpers, "jbstore");
        try (RegistryServer first = RegistryServer.htpasswd(scratch.resolve("r1"), "ann", "first-Secret1");
             RegistryServer second = RegistryServer.htpasswd(scratch.resolve("r2"), "ben", "second-Secret2");
             ImageStore local = ImageStore.open(scratch.resolve("store"));
             ImageStore other = ImageStore.open(scratch.resolve("other"))) {
            Path docker = Files.createDirectories(scratch.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"jbstore\",\"credHelpers\":{\""
                    + first.host() + "\":\"jbone\",\"" + second.host() + "\":\"jbtwo\"}}");
            RegistrySettings settings = RegistrySettings.defaults(Map.of("HOME", scratch.toString(),
                    "PATH", helpers + ":/usr/bin:/bin")).withDockerConfigDirectory(docker);
            try (Registries registries = new Registries(settings)) {
                registries.login(first.host(), new Credentials("ann", "first-Secret1"));
                registries.login(second.host(), new Credentials("ben", "second-Secret2"));
            }
            assertTrue(one.stored(first.host()).contains("\"Username\":\"ann\""));
            assertNull(one.stored(second.host()));
            assertTrue(two.stored(second.host()).contains("\"Username\":\"ben\""));
            assertNull(two.stored(first.host()));
            String config = Files.readString(docker.resolve("config.json"));
            assertFalse(config.contains("Secret"), "no secret in config.json: " + config);

            ImageRecord image = TestImages.layered(local, scratch, 1, 100, 52, "app:1");
            Reference atFirst = Reference.parse(first.host() + "/ann/app:1");
            Reference atSecond = Reference.parse(second.host() + "/ben/app:1");
            try (Registries fresh = new Registries(settings)) {
                new ImagePusher(local, fresh, TransferListener.NONE).push("app:1", atFirst, PushOptions.defaults());
                new ImagePusher(local, fresh, TransferListener.NONE).push("app:1", atSecond, PushOptions.defaults());
                assertEquals(image.id(), new ImagePuller(other, fresh, TransferListener.NONE).pull(atSecond).image().id());
            }
            assertEquals("store\nget\n", one.log(), "jbone served its registry: login, then the push");
            assertEquals("store\nget\n", two.log());
            assertEquals("", store.log(), "the credsStore is never asked for a registry with its own helper");

            try (Registries registries = new Registries(settings)) {
                assertTrue(registries.logout(first.host()));
            }
            assertNull(one.stored(first.host()), "logout erased the first registry's entry from its helper");
            assertTrue(two.stored(second.host()).contains("ben"), "and left the other helper alone");
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
