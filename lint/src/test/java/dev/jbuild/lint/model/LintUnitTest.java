package dev.jbuild.lint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.lint.DockerfileSource;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.parser.graph.GraphBuilder;
import dev.jbuild.parser.graph.InstructionEntry;
import dev.jbuild.parser.graph.StageDependency;
import dev.jbuild.parser.syntax.SyntaxParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What rules ask of a file's stages, answered from indexes made once: the same answers a walk would give. */
class LintUnitTest {
    private static final String FILE = String.join("\n",
            "FROM busybox AS a",          // 0
            "ENV A=1",                    // 1
            "SHELL [\"/bin/bash\", \"-c\"]", // 2
            "FROM a AS b",                // 3
            "RUN echo b",                 // 4
            "COPY --from=c /x /x",        // 5
            "FROM busybox AS A",          // 6: a second "a", which no reference reaches
            "FROM b AS c",                // 7
            "ARG B",                      // 8
            "COPY --from=a /y /y",        // 9
            "RUN --mount=from=b,target=/m true", // 10
            "");

    private static LintUnit unit() {
        return new LintUnit(new DockerfileSource("Dockerfile", FILE),
                GraphBuilder.analyse(SyntaxParser.parse(FILE, "Dockerfile"), Map.of(), null), LintConfig.defaults(),
                new BaseImageEnv(Map.of()));
    }

    private static List<Integer> indexes(List<InstructionEntry> entries) {
        return entries.stream().map(InstructionEntry::index).toList();
    }

    @Test
    void theImageOfAStageIsItsAncestorsBodiesThenItsOwn() {
        LintUnit unit = unit();
        List<InstructionEntry> entries = unit.entries();
        assertEquals(List.of(1, 2, 4, 5, 8, 9, 10), indexes(unit.image(unit.stages().get(3))));
        assertEquals(List.of(1, 2, 4, 5), indexes(unit.before(entries.get(8))));
        assertEquals(4, unit.positionInImage(entries.get(7)), "a stage's FROM stands before its body");
        assertEquals(List.of(1, 2), indexes(unit.before(entries.get(4))));
        assertEquals(List.of(), indexes(unit.before(entries.get(1))));
        assertEquals(List.of("/bin/bash", "-c"), unit.shellAt(entries.get(10)));
        assertEquals(List.of("/bin/sh", "-c"), unit.shellAt(entries.get(2)), "the SHELL line itself runs under the old one");
        assertEquals(true, unit.definedBefore(entries.get(9), "A", true));
        assertEquals(false, unit.definedBefore(entries.get(1), "A", true));
    }

    @Test
    void referencesAreFoundByTheirStageAndNamesByTheFirstStageThatHasThem() {
        LintUnit unit = unit();
        assertEquals(0, unit.stageNamed("A"));
        assertEquals(2, unit.stageNamed("2"));
        assertEquals(-1, unit.stageNamed("d"));
        assertEquals(List.of("c"), unit.stages().get(1).dependencies().stream()
                .filter(r -> r.kind() != StageDependency.Kind.FROM).map(StageDependency::reference).toList());
        assertEquals(List.of("b", "a", "b"), unit.stages().get(3).dependencies().stream().map(StageDependency::reference).toList());
        assertEquals(List.of(), unit.stages().get(2).dependencies().stream().filter(r -> r.kind() != StageDependency.Kind.FROM).toList());
        assertEquals(java.util.Set.of(0, 1, 3), unit.requiredStages());
    }
}
