package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildCacheTest extends FreshBuilderTest {
    private static final String DOCKERFILE = "FROM busybox\nRUN echo one > /one\nCOPY app.txt /app.txt\n"
            + "RUN cat /app.txt > /copy\nCOPY other.txt /other.txt\n";

    Path context;

    @BeforeEach
    void setUp() throws Exception {
        context = BuildFixture.context(dir.resolve("ctx"), "app.txt", "version 1\n", "other.txt", "other\n");
    }

    @Test
    void rebuildIsFullyCachedAndGivesTheSameImage() throws Exception {
        BuildResult first = fixture.build(DOCKERFILE, context);
        assertEquals(4, fixture.ranSteps());
        BuildResult second = fixture.build(DOCKERFILE, context);
        assertEquals(4, fixture.cachedSteps());
        assertEquals(0, fixture.ranSteps());
        assertEquals(first.image().id(), second.image().id());
    }

    @Test
    void touchingAContextFileKeepsTheCache() throws Exception {
        BuildResult first = fixture.build(DOCKERFILE, context);
        Files.setLastModifiedTime(context.resolve("app.txt"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        BuildResult second = fixture.build(DOCKERFILE, context);
        assertEquals(4, fixture.cachedSteps());
        assertEquals(first.image().diffIds().subList(0, 2), second.image().diffIds().subList(0, 2));
    }

    @Test
    void changingAFileRebuildsThatCopyAndTheStepsAfterIt() throws Exception {
        fixture.build(DOCKERFILE, context);
        Files.writeString(context.resolve("app.txt"), "version 2\n");
        BuildResult second = fixture.build(DOCKERFILE, context);
        assertEquals(1, fixture.cachedSteps()); // RUN echo one
        assertEquals(3, fixture.ranSteps());
        assertEquals("version 2\n", fixture.read(second.state(), "/copy"));
    }

    @Test
    void aRerunStepWithTheSameResultLetsLaterStepsHitTheCacheAgain() throws Exception {
        String dockerfile = "FROM busybox\nARG NOISE\nRUN echo same > /same\nCOPY app.txt /app.txt\n";
        fixture.build(dockerfile, context, Map.of("NOISE", "1"), b -> { });
        // a different build arg changes the RUN's key; the RUN writes the same file, and with a fixed epoch the
        // same layer, so the COPY after it starts from the same state and is found in the cache
        fixture.build(dockerfile, context, Map.of("NOISE", "1"), b -> b.sourceDateEpoch(5L));
        fixture.build(dockerfile, context, Map.of("NOISE", "2"), b -> b.sourceDateEpoch(5L));
        assertEquals(1, fixture.ranSteps());
        assertEquals(1, fixture.cachedSteps());
    }

    @Test
    void noCacheRunsEveryStep() throws Exception {
        fixture.build(DOCKERFILE, context);
        fixture.build(DOCKERFILE, context, Map.of(), b -> b.noCache(true));
        assertEquals(0, fixture.cachedSteps());
        assertEquals(4, fixture.ranSteps());
    }

    @Test
    void noCacheFilterRunsOnlyTheNamedStage() throws Exception {
        String dockerfile = "FROM busybox AS deps\nRUN echo deps > /deps\nFROM deps AS app\nRUN echo app > /app\n";
        fixture.build(dockerfile, null);
        fixture.build(dockerfile, null, Map.of(), b -> b.noCacheStage("app"));
        assertEquals(1, fixture.cachedSteps());
        assertEquals(List.of(), fixture.output());
        assertEquals(1, fixture.ranSteps());
    }

    @Test
    void cacheSurvivesANewProcess() throws Exception {
        BuildResult first = fixture.build(DOCKERFILE, context);
        fixture = fixture.reopen();
        BuildResult second = fixture.build(DOCKERFILE, context);
        assertEquals(4, fixture.cachedSteps());
        assertEquals(first.image().id(), second.image().id());
    }

    @Test
    void sourceDateEpochGivesTheSameImageIdAcrossUncachedBuilds() throws Exception {
        BuildResult first = fixture.build(DOCKERFILE, context, Map.of(), b -> b.sourceDateEpoch(1_700_000_000L));
        Thread.sleep(1100);
        Files.setLastModifiedTime(context.resolve("app.txt"), FileTime.fromMillis(System.currentTimeMillis()));
        BuildResult second = fixture.build(DOCKERFILE, context, Map.of(),
                b -> b.sourceDateEpoch(1_700_000_000L).noCache(true));
        assertEquals(4, fixture.ranSteps());
        assertEquals(first.image().id(), second.image().id());
        assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L), BuildFixture.config(second).created());
        BuildResult withoutEpoch = fixture.build(DOCKERFILE, context, Map.of(), b -> b.noCache(true));
        assertNotEquals(first.image().id(), withoutEpoch.image().id());
    }
}
