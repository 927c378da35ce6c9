package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.builder.cache.CachePruner;
import dev.jbuild.store.ImageImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each cause a step can miss the cache for, said in one line, and the dry run that plans without running. */
class CacheMissExplanationTest extends FreshBuilderTest {
    Path context;

    @BeforeEach
    void setUp() throws Exception {
        context = BuildFixture.context(dir.resolve("ctx"), "a.txt", "a\n", "b.txt", "b\n", "d.txt", "d\n");
    }

    private List<String> misses() {
        synchronized (fixture.events) {
            return fixture.events.stream().filter(e -> e instanceof BuildEvent.StepCacheMiss)
                    .map(e -> ((BuildEvent.StepCacheMiss) e).step().label() + ": " + ((BuildEvent.StepCacheMiss) e).reason())
                    .toList();
        }
    }

    private List<String> plan() {
        synchronized (fixture.events) {
            return fixture.events.stream().filter(e -> e instanceof BuildEvent.StepPlanned)
                    .map(e -> (BuildEvent.StepPlanned) e)
                    .map(p -> p.step().label() + (p.cached() ? " CACHED" : " RUN " + p.reason())).toList();
        }
    }

    @Test
    void aFirstBuildExplainsNothingAndACachedRebuildHasNoMisses() throws Exception {
        fixture.build("FROM busybox\nRUN echo 1 > /x\n", context);
        assertEquals(List.of(), misses());
        fixture.build("FROM busybox\nRUN echo 1 > /x\n", context);
        assertEquals(List.of(), misses());
        assertEquals(1, fixture.cachedSteps());
    }

    @Test
    void aChangedInstructionShowsBothTexts() throws Exception {
        fixture.build("FROM busybox\nRUN echo 1 > /x\n", context);
        fixture.build("FROM busybox\nRUN echo 2 > /x\n", context);
        assertEquals(List.of("[2/2] RUN echo 2 > /x: instruction changed: RUN echo 1 > /x → RUN echo 2 > /x"), misses());
    }

    @Test
    void aChangedBuildArgShowsTheOldAndNewValue() throws Exception {
        String dockerfile = "FROM busybox\nARG VERSION\nRUN echo $VERSION > /v\n";
        fixture.build(dockerfile, context, Map.of("VERSION", "1.2"), b -> { });
        fixture.build(dockerfile, context, Map.of("VERSION", "1.3"), b -> { });
        assertEquals(List.of("[2/2] RUN echo $VERSION > /v: build arg VERSION: 1.2 → 1.3"), misses());
    }

    @Test
    void aBaseThatResolvesToAnotherImageIsNamedThenTheStepsAfterItNameTheirParent() throws Exception {
        Path base = BuildFixture.busyboxRootfs(dir.resolve("base"));
        ImageImporter importer = new ImageImporter(fixture.store);
        String first = importer.importRootfs(base, "mybase:1", c -> c, null).id().value();
        String dockerfile = "FROM mybase:1\nRUN echo x > /x\nRUN echo y > /y\n";
        fixture.build(dockerfile, context);
        Files.writeString(base.resolve("etc/extra"), "new\n");
        String second = importer.importRootfs(base, "mybase:1", c -> c, null).id().value();
        fixture.build(dockerfile, context);
        assertEquals(List.of("[2/3] RUN echo x > /x: base image mybase:1 now resolves to " + second + " (was "
                        + first + ")",
                "[3/3] RUN echo y > /y: parent step [2/3] RUN echo x > /x missed the cache"), misses());
        assertTrue(!first.equals(second));
    }

    @Test
    void copySourcesSayWhichFilesChangedAndHowTheFirstFiveAndACount() throws Exception {
        String dockerfile = "FROM busybox\nCOPY . /ctx/\nRUN ls /ctx > /list\n";
        fixture.build(dockerfile, context);
        Files.writeString(context.resolve("a.txt"), "changed\n");
        Files.setPosixFilePermissions(context.resolve("b.txt"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxr-xr-x"));
        Files.delete(context.resolve("d.txt"));
        for (int i = 1; i <= 4; i++) {
            Files.writeString(context.resolve("new" + i + ".txt"), "n\n");
        }
        fixture.build(dockerfile, context);
        assertEquals(List.of("[2/3] COPY . /ctx/: COPY sources changed: a.txt (content), b.txt (mode 644 → 755), "
                        + "d.txt (removed), new1.txt (added), new2.txt (added) and 2 more",
                "[3/3] RUN ls /ctx > /list: parent step [2/3] COPY . /ctx/ missed the cache"), misses());
    }

    @Test
    void noCacheIsTheReasonWhenTheCacheIsNotUsed() throws Exception {
        fixture.build("FROM busybox\nRUN echo 1 > /x\n", context);
        fixture.build("FROM busybox\nRUN echo 1 > /x\n", context, Map.of(), b -> b.noCache(true));
        assertEquals(List.of("[2/2] RUN echo 1 > /x: --no-cache"), misses());
    }

    @Test
    void aDryRunPlansEveryStepRunsNothingAndWritesNothing() throws Exception {
        String dockerfile = "FROM busybox AS base\nRUN echo 1 > /one\nCOPY a.txt /a\nRUN cat /a > /b\n"
                + "FROM busybox\nCOPY --from=base /b /b\nRUN echo done\n";
        fixture.build(dockerfile, context);
        long records;
        try (Stream<Path> files = Files.list(fixture.root.resolve("store/builder/cache"))) {
            records = files.count();
        }
        Files.writeString(context.resolve("a.txt"), "changed\n");
        fixture.build(dockerfile, context, Map.of(), b -> b.dryRun(true));
        assertEquals(0, fixture.ranSteps());
        List<String> plan = plan();
        assertTrue(plan.contains("[base 2/4] RUN echo 1 > /one CACHED"), plan.toString());
        assertTrue(plan.contains("[base 3/4] COPY a.txt /a RUN COPY sources changed: a.txt (content)"), plan.toString());
        assertTrue(plan.contains("[base 4/4] RUN cat /a > /b RUN the step before, [base 3/4] COPY a.txt /a, would run"),
                plan.toString());
        assertTrue(plan.contains("[stage-1 2/3] COPY --from=base /b /b RUN its source stage base would run"),
                plan.toString());
        assertTrue(plan.stream().anyMatch(line -> line.startsWith("[stage-1 3/3] RUN echo done RUN the step before")),
                plan.toString());
        try (Stream<Path> files = Files.list(fixture.root.resolve("store/builder/cache"))) {
            assertEquals(records, files.count(), "a dry run writes no cache record");
        }
    }

    @Test
    void pruneRemovesTheInputsAndSlotsWithTheRecords() throws Exception {
        fixture.build("FROM busybox\nCOPY a.txt /a\n", context);
        Path cache = fixture.root.resolve("store/builder/cache");
        try (Stream<Path> files = Files.list(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".inputs")));
        }
        new CachePruner(fixture.store).prune(CachePruner.Options.everything());
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> left = files.filter(Files::isRegularFile).toList();
            assertEquals(List.of(), left);
        }
    }
}
