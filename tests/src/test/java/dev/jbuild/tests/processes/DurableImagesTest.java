package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.tests.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A built layer's bytes live only in its snapshot, which a step keeps without syncing; the store promises
 * that an image is committed layers first. strace shows the order of the system calls of a real process:
 * the file system is synced before the reference table that names the image is renamed into place.
 */
class DurableImagesTest {
    @TempDir
    Path scratch;

    /**
     * The layer was kept by another process whose build failed before it committed anything; this one
     * finds it in the cache, runs nothing, and must still sync before it commits.
     */
    @Test
    void anImageOnALayerAnotherProcessKeptIsCommittedOnlyAfterASync() throws Exception {
        RequiredTools.require("strace", "shows the order of a build's system calls");
        Path root = scratch.resolve("store");
        BusyboxBase.importInto(root, scratch);
        Path context = Files.createDirectories(scratch.resolve("context"));
        Files.writeString(context.resolve("Dockerfile.fails"), "FROM busybox\nRUN echo kept > /kept\nRUN false\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN echo kept > /kept\n");
        Path logs = scratch.resolve("logs");

        JbuildProcess.Result failed = JbuildProcess.run(root, context, logs, "build", "--progress", "plain",
                "-f", context.resolve("Dockerfile.fails").toString(), context.toString());
        assertNotEquals(0, failed.exitCode(), failed.err());

        Path trace = scratch.resolve("trace");
        JbuildProcess.Result built;
        try (JbuildProcess build = JbuildProcess.start(List.of("strace", "-f", "-qq", "-o", trace.toString(),
                        "-e", "trace=syncfs,rename,renameat,renameat2"), root, context, logs, Map.of(),
                "build", "--progress", "plain", "-t", "kept:latest", context.toString())) {
            built = build.await(Duration.ofMinutes(5));
        }
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.err().contains("CACHED"), "the step came from the cache:\n" + built.err());

        List<String> calls = Files.readAllLines(trace);
        int sync = indexOf(calls, "syncfs(");
        int commit = indexOf(calls, "/references.json\"");
        assertTrue(commit >= 0, "the table was replaced:\n" + String.join("\n", calls));
        assertTrue(sync >= 0 && sync < commit, "synced before the image was committed:\n" + String.join("\n", calls));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
