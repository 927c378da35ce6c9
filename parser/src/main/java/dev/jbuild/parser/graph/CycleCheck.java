package dev.jbuild.parser.graph;

import java.util.HashSet;
import java.util.Set;

/** Stages may name later stages, so the references can loop; BuildKit refuses that, and so do we. */
final class CycleCheck {
    private CycleCheck() {}

    static void verify(InstructionGraph graph) {
        Set<Integer> done = new HashSet<>();
        for (Stage stage : graph.requiredStages()) {
            visit(graph, stage.index(), new HashSet<>(), done);
        }
    }

    private static void visit(InstructionGraph graph, int index, Set<Integer> onPath, Set<Integer> done) {
        if (done.contains(index)) {
            return;
        }
        onPath.add(index);
        Stage stage = graph.stages().get(index);
        for (StageDependency dependency : stage.dependencies()) {
            if (!dependency.isStage()) {
                continue;
            }
            int next = dependency.stageIndex();
            if (next >= graph.stages().size()) {
                continue;
            }
            if (onPath.contains(next)) {
                throw new dev.jbuild.parser.syntax.DockerfileSyntaxException(
                        "circular dependency detected on stage: " + graph.stages().get(next).displayName(),
                        dependency.range(), graph.syntax().sourceLine(dependency.range().startLine()));
            }
            visit(graph, next, onPath, done);
        }
        onPath.remove(index);
        done.add(index);
    }
}
