package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real jbuild processes killed with SIGKILL leave, and who removes it without a build: system check
 * reports a build's container and mounts, prune and system check --repair remove them; the next save to the
 * same file removes a killed save's temp file, the next load a killed load's temp data, and prune both.
 */
class LeftoversAfterKillTest {
    @TempDir
    static Path shared;
    private static Path root;
    private static Path archive;

    @BeforeAll
    static void setUp() throws Exception {
        root = shared.resolve("store");
        BusyboxBase.importInto(root, shared);
        // An image large enough (160 MB of random bytes, which no compression shrinks) that a save or a load
        // is still writing when it is killed.
        Path big = Files.createDirectories(shared.resolve("big-rootfs/data"));
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(big.resolve("random.bin"))) {
            for (int i = 0; i < 160; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        assertEquals(0, jbuild("import", shared.resolve("big-rootfs").toString(), "big:latest").exitCode());
        archive = shared.resolve("big.tar");
        JbuildProcess.Result saved = jbuild("save", "-o", archive.toString(), "big:latest");
        assertEquals(0, saved.exitCode(), saved.err());
    }

    private static JbuildProcess.Result jbuild(String... args) throws IOException, InterruptedException {
        return JbuildProcess.run(root, shared, shared.resolve("logs"), args);
    }

    private static JbuildProcess start(String... args) throws IOException {
        return JbuildProcess.start(root, shared, shared.resolve("logs"), Map.of(), args);
    }

    /** A build killed while its RUN step runs: a container, an overlay mount, a network namespace mount. */
    private static void killABuildInItsRunStep(String marker) throws Exception {
        Path dir = Files.createDirectories(shared.resolve("ctx-" + marker));
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo " + marker + "-$((6*7)); sleep 120\n");
        try (JbuildProcess build = start("build", "--progress", "plain", "--no-cache", dir.toString())) {
            RunNetworkTest.awaitOutput(build, marker + "-42");
            build.kill();
        }
    }

    @Test
    void systemCheckReportsAKilledBuildsContainerAndMountsAndPruneRemovesThem() throws Exception {
        killABuildInItsRunStep("pruned");
        HostLeftovers left = HostLeftovers.capture(root);
        assertFalse(left.containers().isEmpty(), left.toString());
        assertTrue(left.mounts().stream().anyMatch(m -> m.contains("/executor/overlay/")), left.toString());

        JbuildProcess.Result check = jbuild("system", "check");
        assertEquals(1, check.exitCode(), check.out());
        assertTrue(check.out().lines().anyMatch(l -> l.startsWith("container jbuild-") && l.contains("still known to")),
                check.out());
        assertTrue(check.out().lines().anyMatch(l -> l.startsWith("mount ") && l.contains("/executor/overlay/")),
                check.out());

        JbuildProcess.Result prune = jbuild("prune");
        assertEquals(0, prune.exitCode(), prune.err());
        assertTrue(prune.out().contains("Removed what killed builds left: 1 containers"), prune.out());

        assertNothingLeft();
    }

    @Test
    void systemCheckRepairRemovesThemToo() throws Exception {
        killABuildInItsRunStep("repaired");

        JbuildProcess.Result repair = jbuild("system", "check", "--repair");

        assertEquals(0, repair.exitCode(), repair.out() + repair.err());
        assertTrue(repair.out().startsWith("repaired: 1 containers deleted, "), repair.out());
        assertNothingLeft();
    }

    @Test
    void theNextSaveToTheSameFileRemovesAKilledSavesTempFileAndPruneAnyOther() throws Exception {
        Path output = Files.createDirectories(shared.resolve("saves")).resolve("image.tar");
        long killedPid = killWhileWriting(start("save", "-o", output.toString(), "big:latest"),
                () -> tempFiles(output.getParent()).stream().anyMatch(Files::exists));
        Path abandoned = output.resolveSibling(".image.tar.jbuild-save-" + killedPid);
        assertTrue(Files.exists(abandoned), tempFiles(output.getParent()).toString());

        JbuildProcess.Result again = jbuild("save", "-o", output.toString(), "busybox:latest");

        assertEquals(0, again.exitCode(), again.err());
        assertEquals(List.of(), tempFiles(output.getParent()));

        long secondPid = killWhileWriting(start("save", "-o", output.toString(), "big:latest"),
                () -> tempFiles(output.getParent()).stream().anyMatch(Files::exists));
        assertTrue(Files.exists(output.resolveSibling(".image.tar.jbuild-save-" + secondPid)));
        JbuildProcess.Result check = jbuild("system", "check");
        assertTrue(check.out().contains(".image.tar.jbuild-save-" + secondPid), check.out());
        assertEquals(0, jbuild("prune").exitCode());
        assertEquals(List.of(), tempFiles(output.getParent()));
        assertTrue(Files.isRegularFile(output), "the finished save is kept");
    }

    @Test
    void theNextLoadRemovesAKilledLoadsTempDataAndPruneAnyOther() throws Exception {
        Path tmp = root.resolve("tmp");
        killWhileWriting(start("load", "-i", archive.toString()), () -> bytesUnder(tmp) > 20_000_000);
        assertTrue(bytesUnder(tmp) > 20_000_000, "the killed load left its data");

        JbuildProcess.Result again = jbuild("load", "-i", archive.toString());

        assertEquals(0, again.exitCode(), again.err());
        assertEquals(0, bytesUnder(tmp), "nothing of the killed load, nothing of this one");

        killWhileWriting(start("load", "-i", archive.toString()), () -> bytesUnder(tmp) > 20_000_000);
        JbuildProcess.Result check = jbuild("system", "check");
        assertTrue(check.out().contains("temp data of a jbuild process that is gone"), check.out());
        assertEquals(0, jbuild("prune").exitCode());
        assertEquals(0, bytesUnder(tmp));
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Kills the process (SIGKILL) as soon as {@code started} holds; returns its pid. */
    private static long killWhileWriting(JbuildProcess process, Condition started) throws Exception {
        try (process) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!started.holds()) {
                assertTrue(process.isAlive(), "finished before it could be killed: " + process.stderrSoFar());
                assertTrue(System.nanoTime() < deadline, "never started writing");
                Thread.sleep(5);
            }
            process.kill();
            return process.pid();
        }
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".jbuild-save-")).toList();
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void assertNothingLeft() throws Exception {
        HostLeftovers after = HostLeftovers.capture(root);
        assertFalse(after.hasStoreLeftovers(), after.toString());
        JbuildProcess.Result check = jbuild("system", "check");
        assertEquals(0, check.exitCode(), check.out());
        assertTrue(check.out().endsWith("no problems\n"), check.out());
    }
}
