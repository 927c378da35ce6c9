package dev.jbuild.parser.graph;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code COPY --from} and {@code RUN --mount from=} may name later stages, so the references can loop;
 * BuildKit refuses that, and so do we: each loop among the stages the target needs is one error, at the
 * reference that closes it.
 */
final class CycleCheck {
    private final InstructionGraph graph;
    private final Set<Integer> done = new HashSet<>();
    private final List<DockerfileSyntaxException> errors = new ArrayList<>();

    private CycleCheck(InstructionGraph graph) {
        this.graph = graph;
    }

    static List<DockerfileSyntaxException> find(InstructionGraph graph) {
        CycleCheck check = new CycleCheck(graph);
        for (Stage stage : graph.requiredStages()) {
            check.visit(stage.index(), new HashSet<>());
        }
        return check.errors;
    }

    private void visit(int index, Set<Integer> onPath) {
        if (done.contains(index)) {
            return;
        }
        onPath.add(index);
        for (StageDependency dependency : graph.stages().get(index).dependencies()) {
            if (!dependency.isStage() || dependency.stageIndex() >= graph.stages().size()) {
                continue;
            }
            int next = dependency.stageIndex();
            if (onPath.contains(next)) {
                errors.add(new DockerfileSyntaxException(
                        "circular dependency detected on stage: " + graph.stages().get(next).displayName(),
                        dependency.range(), graph.syntax().sourceLine(dependency.range().startLine())));
            } else {
                visit(next, onPath);
            }
        }
        onPath.remove(index);
        done.add(index);
    }
}
