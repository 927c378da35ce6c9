package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.store.ImageStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build --squash}: one layer above the base, history and config kept, reproducible. */
class SquashBuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = "FROM busybox\nCOPY a.txt /a.txt\nRUN echo temp > /tmp/t && rm /bin/true\n"
            + "ENV MODE=squashed\nRUN rm /tmp/t && echo b > /b.txt\nCMD [\"cat\", \"/b.txt\"]\n";

    @TempDir
    static Path root;
    static CliHarness cli;
    static Path context;

    @BeforeAll
    static void setUp() throws IOException {
        cli = new CliHarness(root);
        cli.importBusybox();
        context = cli.context("squash", DOCKERFILE, "a.txt", "a\n");
    }

    private static JsonNode inspect(String image) throws IOException {
        return JSON.readTree(cli.ok("inspect", image).out()).get(0);
    }

    @Test
    void everythingAboveTheBaseIsOneLayerWithTheHistoryKept() throws IOException {
        cli.ok("build", "-q", "-t", "plain", context.toString());
        cli.ok("build", "-q", "--squash", "-t", "squashed", context.toString());
        JsonNode plain = inspect("plain");
        JsonNode squashed = inspect("squashed");
        assertEquals(4, plain.get("RootFS").get("Layers").size());
        assertEquals(2, squashed.get("RootFS").get("Layers").size());
        assertEquals(plain.get("RootFS").get("Layers").get(0), squashed.get("RootFS").get("Layers").get(0));
        assertEquals(plain.get("Config"), squashed.get("Config"));
        List<HistoryEntry> before = history("plain");
        List<HistoryEntry> after = history("squashed");
        assertEquals(before.stream().map(HistoryEntry::createdBy).toList(),
                after.stream().map(HistoryEntry::createdBy).toList());
        List<Boolean> empty = after.stream().map(HistoryEntry::emptyLayer).toList();
        assertEquals(List.of(false, true, true, true, true, false), empty); // base, COPY..CMD; CMD stands for the layer
    }

    private static List<HistoryEntry> history(String image) throws IOException {
        try (ImageStore store = ImageStore.open(root.resolve("store"))) {
            return store.image(image).config().history();
        }
    }

    @Test
    void theSquashedLayerDeletesFromTheBaseAndHoldsNothingATheLaterStepRemoved() {
        cli.ok("build", "-q", "--squash", "-t", "squashed2", context.toString());
        String diff = cli.ok("diff", "busybox", "squashed2").out();
        assertTrue(diff.contains("D /bin/true"), diff);
        assertTrue(diff.contains("A /a.txt"), diff);
        assertTrue(diff.contains("A /b.txt"), diff);
        assertFalse(diff.contains("/tmp/t"), diff);
        String analysis = cli.ok("analyze", "squashed2").out();
        assertTrue(analysis.contains("Wasted files: 0"), analysis);
    }

    @Test
    void aSquashedBuildIsReproducibleWithASourceDateEpoch() {
        String first = cli.ok("build", "-q", "--squash", "--source-date-epoch", "1700000000", context.toString())
                .out().trim();
        String second = cli.ok("build", "-q", "--squash", "--no-cache", "--source-date-epoch", "1700000000",
                context.toString()).out().trim();
        assertEquals(first, second);
        String unsquashed = cli.ok("build", "-q", "--source-date-epoch", "1700000000", context.toString()).out().trim();
        assertNotEquals(first, unsquashed);
    }
}
