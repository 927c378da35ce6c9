package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several jbuild processes building at once into one fresh store publish the same layers, snapshots and
 * diff directories at the same moment: every one of them must succeed and leave the store consistent.
 */
class ConcurrentBuildsTest {
    private static final int PROCESSES = 8;
    private static final int ROUNDS = 10;

    @TempDir
    Path scratch;

    @Test
    void eightProcessesSharingLayersAllSucceedOnAFreshStoreTenRoundsInARow() throws Exception {
        List<Path> contexts = new ArrayList<>();
        for (int variant = 0; variant < 4; variant++) {
            Path dir = Files.createDirectories(scratch.resolve("ctx-" + variant));
            Files.writeString(dir.resolve("shared.txt"), "the same in every build\n");
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n"
                    + "COPY shared.txt /shared.txt\n"
                    + "RUN echo shared > /shared-run\n"
                    + "RUN echo variant-" + variant + " > /variant\n");
            contexts.add(dir);
        }
        for (int round = 0; round < ROUNDS; round++) {
            Path root = scratch.resolve("store-" + round);
            BusyboxBase.importInto(root, scratch);
            List<JbuildProcess> builds = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    builds.add(JbuildProcess.start(root, scratch, scratch.resolve("logs"), Map.of(),
                            "build", "--progress", "plain", "-t", "variant-" + i + ":latest",
                            contexts.get(i % contexts.size()).toString()));
                }
                for (int i = 0; i < PROCESSES; i++) {
                    JbuildProcess.Result result = builds.get(i).await(Duration.ofMinutes(5));
                    assertEquals(0, result.exitCode(), "round " + round + ", build " + i + ":\n" + result.err());
                }
            } finally {
                for (JbuildProcess build : builds) {
                    build.close();
                }
            }
            JbuildProcess.Result check = JbuildProcess.run(root, scratch, scratch.resolve("logs"), "system", "check");
            assertEquals(0, check.exitCode(), "round " + round + ":\n" + check.out() + check.err());
            assertTrue(check.out().contains("no problems"), check.out());
            deleteStore(root);
        }
    }

    /** Each round's store goes once checked: ten stores of diff directories add up. */
    private static void deleteStore(Path root) throws IOException, InterruptedException {
        Process rm = new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).inheritIO().start();
        assertEquals(0, rm.waitFor());
    }
}
