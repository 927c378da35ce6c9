package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line cache-miss explanation in plain, tty and json progress, and {@code build --dry-run}'s plan. */
class CacheMissOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = "FROM busybox\nARG VERSION\nCOPY app.txt /app.txt\n"
            + "RUN echo $VERSION > /version\n";

    @TempDir
    static Path root;
    static CliHarness cli;

    @BeforeAll
    static void setUp() throws IOException {
        cli = new CliHarness(root);
        cli.importBusybox();
    }

    private static Path context(String name) throws IOException {
        return cli.context(name, DOCKERFILE, "app.txt", "v1\n");
    }

    @Test
    void plainProgressSaysWhyUnderTheStep() throws IOException {
        Path context = context("plain");
        cli.ok("build", "-q", "--build-arg", "VERSION=1.2", context.toString());
        String err = cli.ok("build", "--progress", "plain", "--build-arg", "VERSION=1.3", context.toString()).err();
        List<String> lines = err.lines().toList();
        int step = lines.indexOf("#3 [3/3] RUN echo $VERSION > /version");
        assertTrue(step >= 0, err);
        assertEquals("#3 cache miss: build arg VERSION: 1.2 → 1.3", lines.get(step + 1), err);
        assertTrue(lines.contains("#2 CACHED"), err);
    }

    @Test
    void jsonProgressCarriesTheReasonAsAFieldOfTheFinishedStep() throws IOException {
        Path context = context("json");
        cli.ok("build", "-q", "--build-arg", "VERSION=1", context.toString());
        Files.writeString(context.resolve("app.txt"), "v2\n");
        String out = cli.ok("build", "--progress", "json", "--build-arg", "VERSION=1", context.toString()).out();
        List<JsonNode> finished = new ArrayList<>();
        for (String line : out.split("\n")) {
            JsonNode event = JSON.readTree(line);
            if (event.get("event").asText().equals("step-finished") && event.has("cacheMiss")) {
                finished.add(event);
            }
        }
        assertEquals(2, finished.size(), out);
        assertEquals("COPY sources changed: app.txt (content)", finished.get(0).get("cacheMiss").asText());
        assertEquals("parent step [2/3] COPY app.txt /app.txt missed the cache",
                finished.get(1).get("cacheMiss").asText());
    }

    @Test
    void ttyProgressShowsTheReasonOnTheLineUnderTheStep() throws IOException {
        Path context = context("tty");
        cli.ok("build", "-q", "--build-arg", "VERSION=a", context.toString());
        String err = cli.ok("build", "--progress", "tty", "--build-arg", "VERSION=b", context.toString()).err();
        String lastFrame = err.substring(err.lastIndexOf("[+] Building"));
        List<String> lines = lastFrame.lines().map(line -> line.replace("\033[2K", "")).toList();
        int step = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(" => [3/3] RUN echo $VERSION > /version")) {
                step = i;
            }
        }
        assertTrue(step >= 0, lastFrame);
        assertEquals(" => => cache miss: build arg VERSION: a → b", lines.get(step + 1));
    }

    @Test
    void dryRunPrintsThePlanAndBuildsNothing() throws IOException {
        Path context = context("dry");
        cli.ok("build", "-q", "-t", "dry:1", "--build-arg", "VERSION=1", context.toString());
        Files.writeString(context.resolve("app.txt"), "v2\n");
        InProcessCli.Result plan = cli.ok("build", "--dry-run", "-t", "dry:2", "--build-arg", "VERSION=1",
                context.toString());
        assertEquals("[1/3] FROM busybox\n"
                + "[2/3] COPY app.txt /app.txt  RUN: COPY sources changed: app.txt (content)\n"
                + "[3/3] RUN echo $VERSION > /version  RUN: the step before, [2/3] COPY app.txt /app.txt, would run\n",
                plan.out());
        assertEquals(1, cli.run("inspect", "dry:2").exit(), "a dry run tags nothing");
        Files.writeString(context.resolve("app.txt"), "v1\n");
        assertEquals("[1/3] FROM busybox\n[2/3] COPY app.txt /app.txt  CACHED\n"
                + "[3/3] RUN echo $VERSION > /version  CACHED\n",
                cli.ok("build", "--dry-run", "--build-arg", "VERSION=1", context.toString()).out());
    }
}
