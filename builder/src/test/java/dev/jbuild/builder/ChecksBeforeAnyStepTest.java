package dev.jbuild.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BuildKit converts the whole Dockerfile before it runs anything; jbuild checks every instruction of
 * every stage the target needs (expanded as it will be when it runs) before the first step, and
 * reports every problem at once, each at its line.
 */
class ChecksBeforeAnyStepTest extends BuilderTest {
    private static DockerfileErrors failsWithSeveral(String dockerfile, Path context) {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class,
                () -> fixture.build(dockerfile, context));
        return assertInstanceOf(DockerfileErrors.class, failure, failure.withCaret());
    }

    private static List<String> lines(DockerfileErrors errors) {
        return errors.errors().stream().map(e -> e.range().startLine() + ": " + e.getMessage()).toList();
    }

    @Test
    void everyErrorOfTheFileIsReportedAtItsLineAndNoStepRuns() throws Exception {
        Path context = BuildFixture.context(dir.resolve("every"), "f.txt", "f\n");
        DockerfileErrors errors = failsWithSeveral(String.join("\n",
                "FROM busybox",
                "RUN echo the first step must not run",
                "EXPOSE 80/tpc",
                "COPY --from=nosuchstage /a /b",
                "RUN --mount=type=cache,target=/x,bogus=1 true",
                "COPY --chmod=999 f.txt /f",
                "HEALTHCHECK --interval=5x CMD true",
                "COPY --nope f.txt /g",
                "ARG MODE=99z",
                "RUN --mount=type=cache,target=/y,mode=$MODE true",
                "ARG PROTO=tpc",
                "EXPOSE 81/$PROTO",
                "ARG CHMOD=u+q",
                "COPY --chmod=$CHMOD f.txt /h",
                "USER ${NOBODY:?is not set}",
                ""), context);
        List<String> found = lines(errors);
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 10, 12, 14, 15),
                errors.errors().stream().map(e -> e.range().startLine()).toList(), String.join("\n", found));
        assertEquals("3: invalid proto: tpc", found.get(0));
        assertTrue(found.get(1).startsWith("4: image \"nosuchstage\" is not in the store"), found.get(1));
        assertEquals("5: unexpected key 'bogus' in 'bogus=1'", found.get(2));
        assertTrue(found.get(3).startsWith("6: invalid chmod parameter: '999'"), found.get(3));
        assertEquals("7: time: unknown unit \"x\" in duration \"5x\"", found.get(4));
        assertEquals("8: unknown flag: --nope", found.get(5));
        assertEquals("10: invalid value 99z for mode", found.get(6));
        assertEquals("12: invalid proto: tpc", found.get(7));
        assertEquals("14: invalid chmod parameter: 'u+q'. invalid syntax", found.get(8));
        assertEquals("15: failed to process \"${NOBODY:?is not set}\": NOBODY: is not set", found.get(9));
        assertEquals(List.of(), fixture.events, "no step started");
        String printed = errors.withCaret();
        assertTrue(printed.startsWith("Dockerfile:3:1: invalid proto: tpc\n  EXPOSE 80/tpc\n  ^\n"), printed);
        assertEquals(10, printed.lines().filter(l -> l.startsWith("Dockerfile:")).count(), printed);
    }

    /**
     * FROM lines, stage names and the references between stages are checked with the rest: a bad FROM
     * keeps its stage (its instructions are checked too), a duplicate name, a FROM naming a stage defined
     * below it (BuildKit takes that name for an image's) and a loop through COPY --from and FROM are each
     * one error at its line, in the same report; the slow first step never starts.
     */
    @Test
    void fromLinesAndStageReferencesAreReportedWithEverythingElse() throws Exception {
        Path context = BuildFixture.context(dir.resolve("stages"), "f.txt", "f\n");
        DockerfileErrors errors = failsWithSeveral(String.join("\n",
                "FROM busybox AS base",
                "RUN sleep 30 && echo the slow first step must not run",
                "EXPOSE 80/tpc",
                "FROM --nosuch=1 busybox AS other",
                "HEALTHCHECK --interval=5x CMD true",
                "FROM busybox AS base",
                "FROM later AS early",
                "FROM busybox AS loopa",
                "COPY --from=loopb /etc/hostname /x",
                "FROM loopa AS loopb",
                "FROM busybox AS later",
                "FROM busybox",
                "COPY --from=base /etc/hostname /1",
                "COPY --from=other /etc/hostname /2",
                "COPY --from=early /etc/hostname /3",
                "COPY --from=loopb /etc/hostname /4",
                "COPY --from=nosuchstage /a /b",
                ""), context);
        List<String> found = lines(errors);
        assertEquals(List.of(3, 4, 5, 6, 7, 10, 17),
                errors.errors().stream().map(e -> e.range().startLine()).toList(), String.join("\n", found));
        assertEquals("3: invalid proto: tpc", found.get(0));
        assertEquals("4: unknown flag: --nosuch", found.get(1));
        assertEquals("5: time: unknown unit \"x\" in duration \"5x\"", found.get(2));
        assertEquals("6: duplicate stage name \"base\"", found.get(3));
        assertEquals("7: FROM later: stage \"later\" is defined later (line 11); FROM can name only a stage above it",
                found.get(4));
        assertEquals("10: circular dependency detected on stage: loopa", found.get(5));
        assertTrue(found.get(6).startsWith("17: image \"nosuchstage\" is not in the store"), found.get(6));
        assertEquals(List.of(), fixture.events, "no step started");
    }

    /** What no file could make right is refused before the build too, with BuildKit's words. */
    @Test
    void copyAndAddSourcesAndChecksumsAreCheckedBeforeTheBuild() throws Exception {
        Path context = BuildFixture.context(dir.resolve("sources"), "f.txt", "f\n");
        DockerfileErrors errors = failsWithSeveral(String.join("\n",
                "FROM busybox",
                "RUN echo the first step must not run",
                "COPY http://example.com/f.txt /f",
                "ADD --checksum=sha256:abc http://example.com/g.txt /g",
                "ADD --checksum=sha256:" + "0".repeat(64) + " f.txt /h",
                ""), context);
        assertEquals(List.of("3: source can't be a URL for COPY",
                "4: invalid checksum digest format: sha256:abc",
                "5: checksum requires HTTP(S) or Git sources"), lines(errors));
        assertEquals(List.of(), fixture.events);
    }

    /** The base stage's ENV is what a stage built on it expands against, before the base has run. */
    @Test
    void valuesFromTheBaseStageAreExpandedBeforeItRuns() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () -> fixture.build(
                "FROM busybox AS base\nENV PORT=80/tpc\nRUN echo base must not run\n"
                + "FROM base\nEXPOSE $PORT\n", null));
        assertEquals(5, failure.range().startLine());
        assertEquals("invalid proto: tpc", failure.getMessage());
        assertEquals(List.of(), fixture.events);
    }

    /** BuildKit dispatches only the stages the target needs; a pruned stage's values are not its business. */
    @Test
    void aStageTheTargetDoesNotNeedIsNotChecked() throws Exception {
        BuildResult result = fixture.build("FROM busybox AS unused\nEXPOSE 80/tpc\nFROM busybox\nRUN true\n", null);
        assertEquals(2, result.image().diffIds().size());
    }

    /** But the whole file is parsed, as BuildKit parses it: a bad flag anywhere fails the build. */
    @Test
    void anInvalidInstructionInAnUnneededStageStillFails() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () -> fixture.build(
                "FROM busybox AS unused\nCOPY --nope a b\nFROM busybox\nRUN true\n", null));
        assertEquals(2, failure.range().startLine());
        assertEquals(List.of(), fixture.events);
    }

    @Test
    void anInvalidOnbuildTriggerOfTheBaseIsReportedAtTheFrom() throws Exception {
        fixture.build("FROM busybox\nONBUILD EXPOSE 80/tpc\n", null, Map.of(), b -> b.tags(List.of("with-trigger")));
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () -> fixture.build(
                "FROM busybox\nRUN echo must not run\nFROM with-trigger\nCOPY --from=0 /etc/passwd /p\n", null));
        assertEquals(3, failure.range().startLine());
        assertEquals("ONBUILD EXPOSE 80/tpc: invalid proto: tpc", failure.getMessage());
        assertEquals(List.of(), fixture.events);
    }
}
