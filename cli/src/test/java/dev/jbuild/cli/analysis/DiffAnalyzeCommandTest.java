package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild diff} and {@code jbuild analyze} on images really built, and on a saved archive. */
class DiffAnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = "FROM busybox\nCOPY app.txt /app/app.txt\nCOPY keep.txt /app/keep.txt\n"
            + "LABEL version=%s\nRUN chmod 600 /app/keep.txt\n";

    @TempDir
    static Path root;
    static CliHarness cli;

    @BeforeAll
    static void buildTwoImagesThatDifferInOneFileAndOneLabel() throws IOException {
        cli = new CliHarness(root);
        cli.importBusybox();
        cli.ok("build", "-q", "-t", "app:1", cli.context("one", DOCKERFILE.formatted("1"),
                "app.txt", "one\n", "keep.txt", "same\n").toString());
        cli.ok("build", "-q", "-t", "app:2", cli.context("two", DOCKERFILE.formatted("2"),
                "app.txt", "two\n", "keep.txt", "same\n").toString());
        cli.ok("build", "-q", "-t", "waste", cli.context("waste", "FROM busybox\n"
                + "RUN head -c 300000 /dev/zero > /big && head -c 5000 /dev/zero > /small\n"
                + "RUN rm /big\nRUN echo x > /small\n").toString());
    }

    @Test
    void diffOfTwoBuildsShowsTheOneFileAndTheOneLabel() {
        InProcessCli.Result result = cli.ok("diff", "app:1", "app:2");
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("Files: 0 added, 0 removed, 1 changed"), result.out());
        assertTrue(lines.contains("C /app/app.txt (content)"), result.out());
        assertTrue(lines.contains("Config: 1 difference"), result.out());
        assertTrue(lines.contains("  Labels[version]: 1 → 2"), result.out());
        assertTrue(lines.contains("Layers: 1 shared"), result.out()); // busybox; the COPY layers differ
    }

    @Test
    void diffAsJsonNamesWhatChangedInEachFile() throws IOException {
        JsonNode report = JSON.readTree(cli.ok("diff", "--format", "json", "app:1", "app:2").out());
        assertEquals(1, report.get("files").size());
        JsonNode file = report.get("files").get(0);
        assertEquals("/app/app.txt", file.get("path").asText());
        assertEquals("changed", file.get("change").asText());
        assertEquals("[\"content\"]", file.get("aspects").toString());
        assertTrue(file.get("before").get("digest").asText().startsWith("sha256:"));
        assertEquals("Labels[version]", report.get("config").get(0).get("field").asText());
        assertEquals(1, report.get("layers").get("shared").asInt());
        assertEquals(4, report.get("layers").get("b").size());
    }

    @Test
    void diffSeesAddedRemovedAndModeChangesAgainstTheBase() {
        InProcessCli.Result result = cli.ok("diff", "busybox", "app:1");
        assertTrue(result.out().contains("A /app/app.txt -0644 0:0 4B"), result.out());
        assertTrue(result.out().contains("A /app/keep.txt -0600 0:0 5B"), result.out());
        InProcessCli.Result back = cli.ok("diff", "app:1", "busybox");
        assertTrue(back.out().contains("D /app/keep.txt"), back.out());
    }

    @Test
    void diffReadsArchiveFilesAsWellAsStoreNames() {
        Path archive = root.resolve("app1.tar");
        cli.ok("save", "-o", archive.toString(), "app:1");
        InProcessCli.Result result = cli.ok("diff", archive.toString(), "app:1");
        assertTrue(result.out().contains("Files: 0 added, 0 removed, 0 changed"), result.out());
        assertTrue(result.out().contains("Config: identical"), result.out());
    }

    @Test
    void analyzeFindsTheKnownWasteWithTheLayerAndInstructionThatWastedIt() throws IOException {
        JsonNode report = JSON.readTree(cli.ok("analyze", "--format", "json", "waste").out());
        assertEquals(305000, report.get("wastedBytes").asLong());
        List<String> wasted = new ArrayList<>();
        report.get("wastedFiles").forEach(f -> wasted.add(f.get("path").asText() + " " + f.get("size").asLong() + " "
                + f.get("addedBy").asInt() + ">" + f.get("wastedBy").asInt() + " " + f.get("deleted").asBoolean()
                + " " + f.get("instruction").asText()));
        assertEquals(List.of("/big 300000 1>2 true RUN /bin/sh -c rm /big # buildkit",
                "/small 5000 1>3 false RUN /bin/sh -c echo x > /small # buildkit"), wasted);
        long total = report.get("totalContentBytes").asLong();
        assertEquals((double) (total - 305000) / total, report.get("efficiency").asDouble(), 1e-9);
        assertEquals(4, report.get("layers").size());
        assertEquals("/bin/busybox", report.get("largestFiles").get(0).get("path").asText());
    }

    @Test
    void analyzeInCiModeExitsOneWhenAThresholdIsCrossed() {
        InProcessCli.Result pass = cli.run("analyze", "--ci", "--lowest-efficiency", "0.1",
                "--highest-wasted-bytes", "1MB", "waste");
        assertEquals(0, pass.exit(), pass.err());
        InProcessCli.Result wasted = cli.run("analyze", "--ci", "--lowest-efficiency", "0", "--highest-wasted-bytes",
                "100k", "waste");
        assertEquals(1, wasted.exit());
        assertEquals("jbuild: analyze: wasted bytes 305000 are above the highest allowed 102400\n", wasted.err());
        InProcessCli.Result inefficient = cli.run("analyze", "--ci", "--lowest-efficiency", "0.9999", "waste");
        assertEquals(1, inefficient.exit());
        assertTrue(inefficient.err().startsWith("jbuild: analyze: efficiency 0."), inefficient.err());
        InProcessCli.Result clean = cli.run("analyze", "--ci", "--lowest-efficiency", "1", "busybox");
        assertEquals(0, clean.exit(), clean.err());
    }

    @Test
    void aChmodInALaterLayerWastesTheFileItCopiesAgain() throws IOException {
        JsonNode report = JSON.readTree(cli.ok("analyze", "--format", "json", "app:1").out());
        assertEquals(5, report.get("wastedBytes").asLong()); // keep.txt, once from COPY and again from RUN chmod
        assertEquals("/app/keep.txt", report.get("wastedFiles").get(0).get("path").asText());
        assertTrue(!report.get("wastedFiles").get(0).get("deleted").asBoolean());
    }

    @Test
    void analyzeTextListsLayersLargestAndWastedFiles() {
        String out = cli.ok("analyze", "waste").out();
        assertTrue(out.contains("/big  (layer #1, deleted by #2: RUN /bin/sh -c rm /big # buildkit)"), out);
        assertTrue(out.contains("Wasted: 305kB (305000 bytes)"), out);
    }

    @Test
    void anUnknownImageIsOneLine() {
        InProcessCli.Result result = cli.run("diff", "nope:1", "app:1");
        assertEquals(1, result.exit());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("jbuild: "), result.err());
    }
}
