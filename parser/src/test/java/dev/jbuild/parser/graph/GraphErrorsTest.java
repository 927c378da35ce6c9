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

    /** Without its FROM, a stage's instructions would land in the stage before: nothing is built then. */
    @Test
    void anInvalidFromStillFailsTheGraph() {
        DockerfileSyntaxException failure = assertThrows(DockerfileSyntaxException.class, () ->
                GraphBuilder.buildDeferringErrors(SyntaxParser.parse("FROM busybox\nRUN true\nFROM --nope busybox\n"
                        + "EXPOSE 1\nCOPY --bad a b\n", "Dockerfile"), Map.of(), null));
        assertEquals(List.of("Dockerfile:3:1: unknown flag: --nope", "Dockerfile:5:1: unknown flag: --bad"),
                errors(failure));
    }
}
