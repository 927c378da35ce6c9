package dev.jbuild.parser.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error of a file is reported at once, in file order, each at its line. */
class GraphErrorsTest {
    private static List<String> errors(DockerfileSyntaxException e) {
        return assertInstanceOf(DockerfileErrors.class, e, e.oneLine()).errors().stream()
                .map(DockerfileSyntaxException::oneLine).toList();
    }

    @Test
    void everyInvalidInstructionAndStageNameIsReported() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () -> GraphBuilder.build(
                SyntaxParser.parse("FROM busybox AS a\nCOPY --nope x y\nHEALTHCHECK --interval=5x CMD true\n"
                        + "FROM busybox AS a\nRUNN true\n", "Dockerfile"), Map.of(), null));
        assertEquals(List.of("Dockerfile:2:1: unknown flag: --nope",
                "Dockerfile:3:1: time: unknown unit \"x\" in duration \"5x\"",
                "Dockerfile:4:1: duplicate stage name \"a\"",
                "Dockerfile:5:1: unknown instruction: RUNN (did you mean RUN?)"), errors(failure));
        assertEquals(String.join("\n", errors(failure)), failure.oneLine());
    }

    /** For a build, an invalid instruction is kept for the builder, which reports it with what it finds. */
    @Test
    void aBuildGraphKeepsInvalidInstructionsAsProblems() {
        InstructionGraph graph = GraphBuilder.buildDeferringErrors(
                SyntaxParser.parse("FROM busybox\nCOPY --nope x y\nRUN true\n", "Dockerfile"), Map.of(), null);
        assertEquals(List.of("Dockerfile:2:1: unknown flag: --nope"),
                graph.problems().stream().map(DockerfileSyntaxException::oneLine).toList());
        assertEquals(List.of("RUN"), graph.targetStage().instructions().stream().map(i -> i.name()).toList());
    }

    /** A FROM that does not parse keeps its stage, so the instructions after it are checked in their own stage. */
    @Test
    void anInvalidFromKeepsItsStageAndEveryErrorIsAProblem() {
        InstructionGraph graph = GraphBuilder.buildDeferringErrors(SyntaxParser.parse("FROM busybox AS a\nRUN true\n"
                + "FROM --nope busybox AS b\nEXPOSE 1\nCOPY --bad a b\nFROM busybox AS a\nCOPY --from=c / /\n"
                + "FROM b AS c\nCOPY --from=d / /\nFROM busybox AS d\nCOPY --from=c / /\n", "Dockerfile"), Map.of(), null);
        assertEquals(List.of("Dockerfile:3:1: unknown flag: --nope", "Dockerfile:5:1: unknown flag: --bad",
                        "Dockerfile:6:1: duplicate stage name \"a\"",
                        "Dockerfile:11:1: circular dependency detected on stage: c"),
                ((DockerfileErrors) DockerfileErrors.of(graph.problems())).errors().stream()
                        .map(DockerfileSyntaxException::oneLine).toList());
        assertEquals(5, graph.stages().size());
        assertEquals("b", graph.stages().get(1).name());
        assertEquals(List.of("EXPOSE"), graph.stages().get(1).instructions().stream().map(i -> i.name()).toList());
    }

    /** Without a build, the same file fails at once with every error. */
    @Test
    void anInvalidFromIsReportedWithTheOtherErrors() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () ->
                GraphBuilder.build(SyntaxParser.parse("FROM busybox\nRUN true\nFROM --nope busybox\n"
                        + "EXPOSE 1\nCOPY --bad a b\n", "Dockerfile"), Map.of(), null));
        assertEquals(List.of("Dockerfile:3:1: unknown flag: --nope", "Dockerfile:5:1: unknown flag: --bad"),
                errors(failure));
    }

    /** As BuildKit: FROM names only a stage above it; a later stage's name is taken for an image's. */
    @Test
    void fromNamesOnlyEarlierStages() {
        InstructionGraph graph = GraphBuilder.build(SyntaxParser.parse(
                "FROM base AS app\nFROM busybox AS base\nFROM base\n", "Dockerfile"), Map.of(), null);
        assertEquals(new StageBase.Image("base"), graph.stages().get(0).base());
        assertEquals(new StageBase.StageRef(1), graph.stages().get(2).base());
    }
}
