package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistrySettings;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.TestIndexes;
import dev.jbuild.registry.testing.Tools;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pull --platform} then {@code pull} of one multi-platform image, and {@code save --platform}
 * writing each platform's image as pulled: the archives read back with tar and skopeo, as Docker's
 * containerd image store users expect.
 */
class PlatformSaveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Platform HOST = Platform.host();
    private static final Platform OTHER = HOST.architecture().equals("arm64") ? new Platform("amd64", "linux")
            : new Platform("arm64", "linux");

    @TempDir
    Path scratch;
    RegistryServer registry;
    CliRuns cli;
    String root;
    String name;
    ImageRecord host;
    ImageRecord other;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryServer.plain(scratch.resolve("registry"));
        cli = new CliRuns(scratch);
        root = scratch.resolve("store").toString();
        name = registry.host() + "/multi:1";
        try (ImageStore builder = ImageStore.open(scratch.resolve("builder"));
             Registries registries = new Registries(RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                     .withDockerConfigDirectory(scratch.resolve("docker")))) {
            host = TestImages.layered(builder, scratch, HOST, 2, 3000, 81, "app:host");
            other = TestImages.layered(builder, scratch, OTHER, 2, 3000, 82, "app:other");
            Descriptor hostEntry = TestIndexes.pushEntry(builder, registries, "app:host", registry.host(), "multi", HOST);
            Descriptor otherEntry = TestIndexes.pushEntry(builder, registries, "app:other", registry.host(), "multi",
                    OTHER);
            TestIndexes.putIndex(registries, registry.host(), "multi", "1", List.of(otherEntry, hostEntry));
        }
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** The archive unpacked by tar(1), and the config digest its manifest.json names for its one image. */
    private String configOf(Path archive) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("unpacked-" + archive.getFileName()));
        Tools.run(scratch, "tar", "-xf", archive.toString(), "-C", dir.toString());
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(1, manifest.size(), manifest.toString());
        assertEquals(List.of(name), List.of(manifest.get(0).path("RepoTags").get(0).asText()));
        String config = manifest.get(0).path("Config").asText();
        assertTrue(Files.isRegularFile(dir.resolve(config)), config);
        return "sha256:" + Path.of(config).getFileName();
    }

    private String architecture(String transport) throws Exception {
        return JSON.readTree(Tools.run(scratch, "skopeo", "inspect", transport)).path("Architecture").asText();
    }

    @Test
    void eachPulledPlatformIsSavedAsItWasPulled() throws Exception {
        cli.ok("--root", root, "pull", "-q", "--platform", OTHER.toString(), name);
        cli.ok("--root", root, "pull", "-q", name);

        assertEquals(HOST.architecture() + "\n", cli.ok("--root", root, "inspect", "--format", "{{.Architecture}}", name)
                .out(), "the name is this machine's image");
        assertEquals(OTHER.architecture() + "\n", cli.ok("--root", root, "inspect", "--platform", OTHER.toString(),
                "--format", "{{.Architecture}}", name).out());
        assertEquals(1, cli.ok("--root", root, "images", "-q").out().lines().count(), "one image under the name");

        Path otherArchive = scratch.resolve("other.tar");
        Path plainArchive = scratch.resolve("plain.tar");
        Path hostArchive = scratch.resolve("host.tar");
        cli.ok("--root", root, "save", "--platform", OTHER.toString(), "-o", otherArchive.toString(), name);
        cli.ok("--root", root, "save", "-o", plainArchive.toString(), name);
        cli.ok("--root", root, "save", "--platform", HOST.toString(), "-o", hostArchive.toString(), name);

        assertEquals(other.id().value(), configOf(otherArchive), "the other platform's image, its ID as pulled");
        assertEquals(host.id().value(), configOf(plainArchive), "without --platform: this machine's");
        assertEquals(host.id().value(), configOf(hostArchive));

        Tools.require("skopeo");
        assertEquals(OTHER.architecture(), architecture("docker-archive:" + otherArchive));
        assertEquals(OTHER.architecture(), architecture("oci-archive:" + otherArchive + ":1"));
        assertEquals(HOST.architecture(), architecture("docker-archive:" + plainArchive));
        assertEquals(HOST.architecture(), architecture("oci-archive:" + plainArchive + ":1"));
    }

    @Test
    void aPlatformNotPulledIsOneLineSayingWhatIsPresentAndHowToGetIt() throws Exception {
        cli.ok("--root", root, "pull", "-q", name);
        Path archive = scratch.resolve("missing.tar");
        CliRuns.Run missing = cli.run("--root", root, "save", "--platform", OTHER.toString(), "-o", archive.toString(),
                name);
        assertEquals(1, missing.exit());
        assertEquals("jbuild: " + name + " has no " + OTHER + " image in the store (present: " + HOST + "); get it "
                + "with 'jbuild pull --platform " + OTHER + " " + name + "'\n", missing.err());
        assertFalse(Files.exists(archive), "nothing written");

        cli.ok("--root", root, "pull", "-q", "--platform", OTHER.toString(), name);
        cli.ok("--root", root, "save", "--platform", OTHER.toString(), "-o", archive.toString(), name);
        assertEquals(other.id().value(), configOf(archive));
    }

    @Test
    void rmiAndPruneKeepWhatANameReachesAndFreeTheRest() throws Exception {
        cli.ok("--root", root, "pull", "-q", "--platform", OTHER.toString(), name);
        cli.ok("--root", root, "pull", "-q", name);
        cli.ok("--root", root, "tag", name, "kept:1");
        cli.ok("--root", root, "rmi", name);
        cli.ok("--root", root, "prune");
        Path archive = scratch.resolve("kept.tar");
        cli.ok("--root", root, "save", "--platform", OTHER.toString(), "-o", archive.toString(), "kept:1");
        assertEquals(OTHER.architecture(), architecture("docker-archive:" + archive));
        cli.ok("--root", root, "system", "check");

        cli.ok("--root", root, "rmi", "kept:1");
        cli.ok("--root", root, "prune");
        try (ImageStore store = ImageStore.open(Path.of(root))) {
            assertEquals(List.of(), store.references().list().keySet().stream().toList());
            assertFalse(store.blobs().has(other.id()), "the other platform's config went with the last name");
            assertFalse(store.blobs().has(host.id()));
            assertTrue(store.check().isClean(), store.check().problems().toString());
        }
    }
}
