package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String MULTI_STAGE = """
            # syntax=docker/dockerfile:1
            ARG BASE=busybox
            ARG TAG
            FROM ${BASE}:${TAG:-1.36} AS build
            RUN --mount=type=cache,target=/root/.cache make
            FROM scratch AS unused
            COPY --from=build /x /x
            FROM debian:bookworm
            COPY --from=build --chmod=755 /out/app /usr/local/bin/app
            HEALTHCHECK --interval=1m30s CMD ["app", "check"]
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void jsonGraphHasStagesDependenciesPruningAndExpandedBases() throws IOException {
        Path file = write("Dockerfile.ci", MULTI_STAGE);
        CliRun run = CliRun.withInput("", Map.of("TAG", "1.37"), "parse", "-f", file.toString(), "--build-arg", "TAG");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode graph = JSON.readTree(run.out());
        assertEquals(1, graph.get("schemaVersion").asInt());
        assertEquals("syntax", graph.get("directives").get(0).get("key").asText());
        assertEquals("1.37", graph.get("args").get(1).get("value").asText());
        JsonNode stages = graph.get("stages");
        assertEquals(3, stages.size());
        assertEquals("busybox:1.37", stages.get(0).get("base").get("reference").asText());
        assertEquals("${BASE}:${TAG:-1.36}", stages.get(0).get("base").get("written").asText());
        assertEquals("scratch", stages.get(1).get("base").get("kind").asText());
        assertFalse(stages.get(1).get("required").asBoolean(), "the unused stage is pruned");
        assertTrue(stages.get(0).get("required").asBoolean());
        JsonNode copyFrom = stages.get(2).get("dependencies").get(1);
        assertEquals("copy-from", copyFrom.get("kind").asText());
        assertEquals(0, copyFrom.get("stage").asInt());
        assertEquals(9, copyFrom.get("line").asInt());
        JsonNode run2 = stages.get(0).get("instructions").get(1);
        assertEquals("RUN", run2.get("instruction").asText());
        assertEquals("cache", run2.get("mounts").get(0).get("type").asText());
        assertEquals("/root/.cache", run2.get("mounts").get(0).get("target").asText());
        JsonNode health = stages.get(2).get("instructions").get(2);
        assertEquals("1m30s", health.get("interval").asText());
        assertEquals("exec", health.get("command").get("form").asText());
        assertEquals(10, health.get("range").get("startLine").asInt());
    }

    @Test
    void targetPrunesToTheNamedStage() throws IOException {
        Path file = write("Dockerfile", MULTI_STAGE);
        CliRun run = CliRun.run("parse", "-f", file.toString(), "--target", "unused");
        JsonNode graph = JSON.readTree(run.out());
        assertEquals("unused", graph.get("target").get("name").asText());
        assertTrue(graph.get("stages").get(0).get("required").asBoolean());
        assertFalse(graph.get("stages").get(2).get("required").asBoolean());
    }

    @Test
    void dumpFormatFromStdin() {
        CliRun run = CliRun.withInput("from busybox\nRun --network=none echo \\\n  hi\n", Map.of(), "parse", "-f", "-", "--format", "dump");
        assertEquals(0, run.exitCode());
        assertEquals("(from \"busybox\")\n(run [\"--network=none\"] \"echo   hi\")\n", run.out());
    }

    @Test
    void defaultDockerfileIsLookedUpInTheContext() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        CliRun run = CliRun.run("parse", "--format", "dump", dir.toString());
        assertEquals("(from \"scratch\")\n", run.out());
    }
}
