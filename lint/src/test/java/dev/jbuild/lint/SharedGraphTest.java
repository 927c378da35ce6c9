package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lint reads the graph a build plans from ({@link GraphBuilder#analyse}), not a second model of its own: where
 * the build sees a stage reference, lint sees the same one.
 */
class SharedGraphTest {

    private static InstructionGraph graph(String text, Map<String, String> buildArgs, String target) {
        return GraphBuilder.analyse(SyntaxParser.parse(text, "Dockerfile"), buildArgs, target);
    }

    private static List<Finding> lint(String text, InstructionGraph graph) {
        return new Linter(LintConfig.defaults(), "").lint(new DockerfileSource("Dockerfile", text), graph).findings();
    }

    /** FROM names only a stage above it (BuildKit's rule), so the loop goes through COPY --from and FROM. */
    @Test
    void aCycleIsTheOneTheBuildRefuses() {
        String text = "FROM busybox:1 AS a\nCOPY --from=b /x /y\nFROM a AS b\nFROM busybox:1 AS c\nARG N=a\n"
                + "COPY --from=${N} /x /y\n";

        DockerfileSyntaxException build = assertThrows(DockerfileSyntaxException.class,
                () -> graph(text, Map.of(), null).requireValid());
        assertTrue(build.getMessage().contains("circular dependency"), build.getMessage());
        assertEquals(1, graph(text, Map.of(), null).requireBuildable().problems().size(),
                "a build reports the loop with what it finds itself");

        List<Finding> findings = Lints.all(text);
        assertEquals(List.of("CircularStageReference"), Lints.rules(findings.stream()
                .filter(f -> f.severity() == Severity.ERROR).toList()));
        // The stage ARG names stage a, as the build expands it: nothing is unreachable.
        assertEquals(List.of(), findings.stream().filter(f -> f.rule().equals("UnreachableStage")).toList());
    }

    @Test
    void theBuildsTargetDecidesWhatIsUnreachable() {
        String text = "FROM busybox:1 AS one\nRUN true\nFROM busybox:1 AS two\nRUN true\n";

        List<Finding> byDefault = lint(text, graph(text, Map.of(), null));
        List<Finding> forOne = lint(text, graph(text, Map.of(), "one"));

        assertEquals(List.of(1), Lints.lines(byDefault.stream().filter(f -> f.rule().equals("UnreachableStage")).toList()));
        assertEquals(List.of(3), Lints.lines(forOne.stream().filter(f -> f.rule().equals("UnreachableStage")).toList()));
    }

    @Test
    void theBuildsArgumentsResolveStageReferences() {
        String text = "ARG SRC=nowhere\nFROM busybox:1 AS tools\nRUN true\nFROM busybox:1\nARG SRC\nCOPY --from=$SRC /x /y\n";

        List<Finding> withoutArg = lint(text, graph(text, Map.of(), null));
        List<Finding> withArg = lint(text, graph(text, Map.of("SRC", "tools"), null));

        assertEquals(List.of(2), Lints.lines(withoutArg.stream().filter(f -> f.rule().equals("UnreachableStage")).toList()));
        assertEquals(List.of(), withArg.stream().filter(f -> f.rule().equals("UnreachableStage")).toList());
    }

    @Test
    void aGraphAndItsTextGiveTheSameFindingsAsTheTextAlone() {
        String text = "FROM busybox AS base\nrun apt-get install curl\nFROM base\nCOPY --from=base /a /b\nWORKDIR relative\n";

        assertEquals(Lints.all(text), lint(text, graph(text, Map.of(), null)));
    }
}
