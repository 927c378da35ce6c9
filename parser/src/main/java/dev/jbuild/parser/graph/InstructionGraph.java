package dev.jbuild.parser.graph;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A Dockerfile understood: its global ARGs, its stages with their dependencies, and the stage to build.
 *
 * @param target index of the stage the build produces (the last one unless {@code --target} says otherwise)
 * @param problems what is wrong with the file (invalid instructions left out of the stages, invalid FROM lines,
 *     duplicate stage names, loops between stages), for the builder to report together with
 *     what it finds itself before running anything; always empty in a graph from {@link GraphBuilder#build}
 */
public record InstructionGraph(SyntaxTree syntax, List<MetaArg> metaArgs, List<Stage> stages, int target, Platform platform,
                               List<DockerfileSyntaxException> problems) {

    public InstructionGraph {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
        problems = List.copyOf(problems);
    }

    public InstructionGraph(SyntaxTree syntax, List<MetaArg> metaArgs, List<Stage> stages, int target, Platform platform) {
        this(syntax, metaArgs, stages, target, platform, List.of());
    }

    public Stage targetStage() {
        return stages.get(target);
    }

    /** A stage by its AS name (case-insensitive) or its index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String wanted = nameOrIndex.toLowerCase(java.util.Locale.ROOT);
        for (Stage stage : stages) {
            if (wanted.equals(stage.name())) {
                return Optional.of(stage);
            }
        }
        if (wanted.matches("\\d{1,9}")) {
            int index = Integer.parseInt(wanted);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** The stages the target needs, itself included, in file order: everything else is pruned. */
    public List<Stage> requiredStages() {
        TreeSet<Integer> needed = new TreeSet<>();
        Deque<Integer> work = new ArrayDeque<>(List.of(target));
        while (!work.isEmpty()) {
            int index = work.pop();
            if (needed.add(index)) {
                for (StageDependency dependency : stages.get(index).dependencies()) {
                    if (dependency.isStage()) {
                        work.push(dependency.stageIndex());
                    }
                }
            }
        }
        return needed.stream().map(stages::get).toList();
    }
}
