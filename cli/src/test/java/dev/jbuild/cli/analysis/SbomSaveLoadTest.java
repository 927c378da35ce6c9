package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.testing.InProcessCli;
import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.Index;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SBOM stored by {@code build --sbom} travels with its image: save carries it, load keeps it, signing covers it. */
class SbomSaveLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    static CliHarness source;
    static String stored;

    @BeforeAll
    static void buildWithAnSbom() throws IOException {
        source = new CliHarness(root.resolve("source"));
        source.importBusybox();
        Path context = source.context("node", "FROM busybox\nCOPY node_modules /app/node_modules\n",
                "node_modules/left-pad/package.json", "{\"name\":\"left-pad\",\"version\":\"1.3.0\",\"license\":\"WTFPL\"}");
        source.ok("build", "-q", "--sbom", "-t", "app:1", context.toString());
        stored = source.ok("sbom", "app:1").out();
        source.ok("key", "generate", "--out", root.resolve("signer").toString());
    }

    private static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    out.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void saveCarriesTheSbomAsAnArtifactWhoseSubjectIsTheSavedManifest() throws IOException {
        Path archive = root.resolve("app.tar");
        source.ok("save", "-o", archive.toString(), "app:1");
        Map<String, byte[]> entries = entries(archive);
        Index index = Index.parse(entries.get("index.json"));
        int artifacts = 0;
        for (var entry : index.manifests()) {
            ArtifactManifest artifact = ArtifactManifest.parseOrNull(entries.get("blobs/sha256/" + entry.digest().hex()));
            if (artifact != null) {
                artifacts++;
                assertEquals("application/vnd.cyclonedx+json", artifact.artifactType());
                assertTrue(index.manifests().stream().anyMatch(m -> m.digest().equals(artifact.subject().digest())
                        && !m.annotations().isEmpty()), "the subject is the image's manifest in the archive");
                byte[] document = entries.get("blobs/sha256/" + artifact.layers().get(0).digest().hex());
                assertEquals(JSON.readTree(stored), JSON.readTree(document));
            }
        }
        assertEquals(1, artifacts);
    }

    @Test
    void loadKeepsTheSbomWithTheImage() throws IOException {
        Path archive = root.resolve("app-load.tar");
        source.ok("save", "-o", archive.toString(), "app:1");
        CliHarness target = new CliHarness(root.resolve("target"));
        target.ok("load", "-i", archive.toString());
        assertEquals(JSON.readTree(stored), JSON.readTree(target.ok("sbom", "app:1").out()));
        try (ImageStore store = ImageStore.open(root.resolve("target/store"))) {
            assertEquals(1, store.referrers().manifests(store.image("app:1").manifestDigest()).size());
        }
    }

    @Test
    void aSignedSaveSignsTheSbomAndATamperedSbomIsRefused() throws IOException {
        Path archive = root.resolve("signed.tar");
        source.ok("save", "--sign", root.resolve("signer.key").toString(), "--compress", "none", "-o",
                archive.toString(), "app:1");
        String verified = source.ok("verify", "-i", archive.toString(), "--key", root.resolve("signer.pub").toString())
                .out();
        assertEquals(2, verified.lines().filter(line -> line.endsWith(": verified")).count(), verified);
        assertTrue(verified.contains("app:1 application/vnd.cyclonedx+json ("), verified);

        byte[] bytes = Files.readAllBytes(archive);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"left-pad\"");
        bytes[at + 1] = 'L'; // the SBOM blob no longer matches its digest
        Path tampered = Files.write(root.resolve("tampered.tar"), bytes);
        CliHarness target = new CliHarness(root.resolve("tampered-target"));
        InProcessCli.Result result = target.run("load", "--verify", root.resolve("signer.pub").toString(), "-i",
                tampered.toString());
        assertEquals(1, result.exit());
        assertEquals(1, result.err().lines().count(), result.err());
        try (ImageStore store = ImageStore.open(root.resolve("tampered-target/store"))) {
            assertTrue(store.list().isEmpty(), "nothing is stored");
        }
    }

    @Test
    void removingTheImageLetsPruneTakeItsSbom() throws IOException {
        CliHarness other = new CliHarness(root.resolve("prune"));
        other.importBusybox();
        Path context = other.context("p", "FROM busybox\nLABEL x=1\n");
        other.ok("build", "-q", "--sbom", "-t", "gone:1", context.toString());
        String document;
        try (ImageStore store = ImageStore.open(root.resolve("prune/store"))) {
            var manifests = store.referrers().manifests(store.image("gone:1").manifestDigest());
            assertEquals(1, manifests.size());
            document = manifests.get(0).value();
        }
        other.ok("rmi", "gone:1");
        other.ok("prune");
        try (ImageStore store = ImageStore.open(root.resolve("prune/store"))) {
            assertTrue(!store.blobs().has(dev.jbuild.imagespec.Digest.parse(document)), "the SBOM artifact is pruned");
        }
    }
}
