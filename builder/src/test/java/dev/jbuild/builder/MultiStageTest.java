package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiStageTest extends BuilderTest {
    @Test
    void copyFromStageByNameAndIndexAndFromAnImage() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS builder\nRUN echo built > /artifact\n"
                + "FROM scratch\nCOPY --from=builder /artifact /by-name\nCOPY --from=0 /artifact /by-index\n"
                + "COPY --from=busybox:latest /etc/passwd /passwd\n", null);
        assertEquals("built\n", fixture.read(result.state(), "/by-name"));
        assertEquals("built\n", fixture.read(result.state(), "/by-index"));
        assertTrue(fixture.read(result.state(), "/passwd").startsWith("root:x:0:0"));
        assertEquals(3, result.image().diffIds().size());
    }

    /** The source stage's state key fixes what it holds: a hit must not mount its layers to read them. */
    @Test
    void aCachedCopyFromAnotherStageNeedsNoStorageDriver() throws Exception {
        String dockerfile = "FROM busybox AS builder\nRUN echo cached-copy > /artifact\n"
                + "FROM scratch\nCOPY --from=builder /artifact /copied\n";
        BuildResult first = fixture.build(dockerfile, null);
        fixture = fixture.reopen();
        BuildResult again = fixture.build(dockerfile, null);
        assertEquals("storage driver: not needed; runtime: not needed", fixture.builder.setup());
        assertEquals(2, fixture.events.stream().filter(e -> e instanceof BuildEvent.StepCached).count());
        assertEquals(first.image().id(), again.image().id());
        assertEquals("cached-copy\n", fixture.read(again.state(), "/copied"));
    }

    /**
     * A stage that fails at once shuts the stage pool down while later stages are still being handed
     * to it: the build reports that stage's failure, not the pool refusing the next one.
     */
    @Test
    void aStageThatFailsAtOnceIsTheFailureReportedWhateverIsStillBeingScheduled() {
        // A path missing from an image is found only when the copy runs, with no sandbox to wait for.
        StringBuilder dockerfile = new StringBuilder("FROM scratch AS first\nCOPY --from=busybox /no/such/file /x\n");
        for (int i = 0; i < 300; i++) {
            dockerfile.append("FROM scratch AS s").append(i).append("\nLABEL n=").append(i).append('\n');
        }
        dockerfile.append("FROM scratch\n");
        dockerfile.append("COPY --from=first /x /x\n");
        for (int i = 0; i < 300; i++) {
            dockerfile.append("COPY --from=s").append(i).append(" / /s").append(i).append('\n');
        }
        for (int round = 0; round < 5; round++) {
            BuildException failure = assertThrows(BuildException.class, () -> fixture.build(dockerfile.toString(), null));
            assertTrue(failure.getMessage().contains("/no/such/file"), failure.getMessage());
        }
    }

    @Test
    void fromAnEarlierStageContinuesItsImage() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS base\nENV FROM_BASE=1\nRUN echo base > /base\n"
                + "FROM base\nRUN cat /base\n", null);
        assertEquals("1", BuildFixture.run(result).envValue("FROM_BASE"));
        assertEquals(List.of("base"), fixture.output());
        assertEquals(3, result.image().diffIds().size());
    }

    @Test
    void onlyTheStagesTheTargetNeedsAreBuilt() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS broken\nRUN exit 1\n"
                + "FROM busybox AS good\nRUN echo good\nFROM broken AS final\n", null, Map.of(), "good", b -> { });
        assertEquals(List.of("good"), fixture.output());
        assertEquals(2, result.image().diffIds().size());
    }

    @Test
    void independentStagesRunAtTheSameTime() throws Exception {
        // Each stage waits until the other has started: only a parallel build can finish.
        Path shared = dir.resolve("rendezvous");
        java.nio.file.Files.createDirectories(shared);
        Path context = BuildFixture.context(dir.resolve("ctx-par"), "x", "x");
        String wait = "for i in $(seq 1 100); do [ -e /shared/%s ] && exit 0; sleep 0.05; done; exit 7";
        String dockerfile = "FROM busybox AS a\nRUN --mount=type=bind,from=busybox,source=/,target=/ignored "
                + "true\n"
                + "FROM busybox AS left\nRUN --mount=type=cache,id=rendezvous,target=/shared touch /shared/left && "
                + String.format(wait, "right") + "\n"
                + "FROM busybox AS right\nRUN --mount=type=cache,id=rendezvous,target=/shared touch /shared/right && "
                + String.format(wait, "left") + "\n"
                + "FROM scratch\nCOPY --from=left /bin/busybox /l\nCOPY --from=right /bin/busybox /r\n";
        long start = System.nanoTime();
        BuildResult result = fixture.build(dockerfile, context, Map.of(), b -> b.noCache(true));
        assertEquals(2, result.image().diffIds().size());
        assertTrue(System.nanoTime() - start < 20_000_000_000L);
    }

    @Test
    void aFailingStageStopsTheOthersAndReportsItsOwnError() throws Exception {
        String dockerfile = "FROM busybox AS slow\nRUN sleep 30\n"
                + "FROM busybox AS failing\nRUN sleep 0.3; exit 5\n"
                + "FROM scratch\nCOPY --from=slow /bin/busybox /a\nCOPY --from=failing /bin/busybox /b\n";
        long start = System.nanoTime();
        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> fixture.build(dockerfile, null, Map.of(), b -> b.noCache(true)));
        assertEquals(5, failure.exitCode());
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "the slow stage was not stopped");
        assertTrue(fixture.events.stream().anyMatch(e -> e instanceof BuildEvent.StepCancelled c
                && c.step().text().contains("sleep 30")));
    }

    @Test
    void serialModeBuildsTheSameImage() throws Exception {
        String dockerfile = "FROM busybox AS a\nRUN echo a > /a\nFROM busybox AS b\nRUN echo b > /b\n"
                + "FROM scratch\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n";
        BuildResult parallel = fixture.build(dockerfile, null, Map.of(), b -> b.sourceDateEpoch(0L));
        BuildResult serial = fixture.build(dockerfile, null, Map.of(), b -> b.sourceDateEpoch(0L).serial(true));
        assertEquals(parallel.image().id(), serial.image().id());
    }
}
