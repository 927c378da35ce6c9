package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steps a build shows are BuildKit's: a stage on another stage shows no FROM step (BuildKit has no
 * vertex for it), an image used by several stages shows one FROM step, a stage on scratch or on a stage
 * numbers its steps from 1, and the number of steps is known before the first one starts.
 */
class StepListTest extends BuilderTest {
    private static List<String> started() {
        synchronized (fixture.events) {
            return fixture.events.stream().filter(e -> e instanceof BuildEvent.StepStarted)
                    .map(e -> ((BuildEvent.StepStarted) e).step().label()).sorted().toList();
        }
    }

    /** The step list `docker build` (BuildKit) shows for this file, with Docker 20.10. */
    @Test
    void multiStageStepsAreBuildkits() throws Exception {
        Path context = BuildFixture.context(dir.resolve("multi"), "f.txt", "f\n");
        fixture.build(String.join("\n",
                "FROM busybox AS base",
                "RUN echo base > /base",
                "WORKDIR /app",
                "FROM base AS build",
                "ENV X=1",
                "RUN echo build > /build",
                "COPY f.txt /f",
                "FROM busybox",
                "COPY --from=build /build /out",
                "RUN echo final",
                ""), context);
        assertEquals(List.of(
                "[base 1/3] FROM busybox AS base",
                "[base 2/3] RUN echo base > /base",
                "[base 3/3] WORKDIR /app",
                "[build 1/2] RUN echo build > /build",
                "[build 2/2] COPY f.txt /f",
                "[stage-2 2/3] COPY --from=build /build /out",
                "[stage-2 3/3] RUN echo final"), started());
        assertEquals(new BuildEvent.BuildPlanned(7), fixture.events.get(0));
    }

    @Test
    void aScratchStageNumbersItsStepsFromOne() throws Exception {
        Path context = BuildFixture.context(dir.resolve("scratch"), "f.txt", "f\n");
        fixture.build("FROM scratch\nCOPY f.txt /f\nWORKDIR /w\nENV A=1\n", context);
        assertEquals(List.of("[1/2] COPY f.txt /f", "[2/2] WORKDIR /w"), started());
        assertEquals(new BuildEvent.BuildPlanned(2), fixture.events.get(0));
    }

    /** The total counts the base's ONBUILD triggers, which the plan knows before anything runs. */
    @Test
    void theTotalCountsTheBasesTriggers() throws Exception {
        fixture.build("FROM busybox\nONBUILD RUN echo trigger\n", null, java.util.Map.of(),
                b -> b.tags(List.of("step-list-trigger")));
        fixture.build("FROM step-list-trigger\nRUN echo own\n", null);
        assertEquals(List.of("[1/3] FROM step-list-trigger", "[2/3] ONBUILD RUN echo trigger", "[3/3] RUN echo own"),
                started());
        assertEquals(new BuildEvent.BuildPlanned(3), fixture.events.get(0));
    }
}
