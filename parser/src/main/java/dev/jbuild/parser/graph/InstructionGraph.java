package dev.jbuild.parser.graph;

import dev.jbuild.imagespec.Platform;
import dev.jbuild.parser.syntax.DockerfileErrors;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A Dockerfile understood: every instruction (invalid ones with their error), its global ARGs, its stages
 * with their dependencies, and the stage to build. The one model of a Dockerfile that build, parse and lint
 * read: {@link GraphBuilder} makes it without ever failing, and each reader asks for the guarantee it needs
 * ({@link #requireValid()}, {@link #requireBuildable()}) or, as lint does, reads the file as it is.
 *
 * @param entries every instruction of the file, in order
 * @param target index of the stage the build produces (the last one unless {@code --target} says
 *     otherwise), or -1 when there is none ({@code targetFault} says why)
 * @param faults what is wrong with the file beyond its invalid instructions (duplicate stage names, ARG
 *     values that do not expand, instructions before the first FROM...), in the order found
 * @param targetFault why there is no stage to build, or null
 */
public record InstructionGraph(SyntaxTree syntax, List<InstructionEntry> entries, List<MetaArg> metaArgs, List<Stage> stages,
                               int target, Platform platform, List<DockerfileSyntaxException> faults,
                               DockerfileSyntaxException targetFault) {

    public InstructionGraph {
        entries = List.copyOf(entries);
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
        faults = List.copyOf(faults);
    }

    public Stage targetStage() {
        return stages.get(target);
    }

    /**
     * Everything wrong with the file, in the order found: invalid instructions (an invalid FROM keeps its
     * stage, stood in for by its words), the faults, and each loop among the stages the target needs. A
     * build reports them together with what it finds itself, before running anything; empty in a graph
     * that passed {@link #requireValid()}.
     */
    public List<DockerfileSyntaxException> problems() {
        List<DockerfileSyntaxException> problems = new ArrayList<>();
        for (InstructionEntry entry : entries) {
            if (entry.error() != null) {
                problems.add(entry.error());
            }
        }
        problems.addAll(faults);
        if (target >= 0) {
            problems.addAll(CycleCheck.find(this));
        }
        return problems;
    }

    /**
     * For {@code parse} and anything that needs the whole file right: every error at once, in file order.
     *
     * @return this graph, which then has no problem
     * @throws DockerfileSyntaxException what is wrong, all of it
     */
    public InstructionGraph requireValid() {
        List<DockerfileSyntaxException> all = problems();
        if (targetFault != null) {
            all.add(targetFault);
        }
        DockerfileErrors.throwIfAny(all);
        return this;
    }

    /**
     * For a build: what is wrong stays in {@link #problems()}, so that the builder reports it with every
     * problem it finds itself, before running anything. Only a file without a stage to build throws,
     * with everything else that is wrong.
     *
     * @return this graph
     */
    public InstructionGraph requireBuildable() {
        if (targetFault != null) {
            requireValid();
        }
        return this;
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
        return stagesNeededBy(target);
    }

    /** The stages {@code index} needs, itself included, in file order; none for -1. */
    public List<Stage> stagesNeededBy(int index) {
        TreeSet<Integer> needed = new TreeSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        if (index >= 0) {
            work.push(index);
        }
        while (!work.isEmpty()) {
            int next = work.pop();
            if (needed.add(next)) {
                for (StageDependency dependency : stages.get(next).dependencies()) {
                    if (dependency.isStage()) {
                        work.push(dependency.stageIndex());
                    }
                }
            }
        }
        return needed.stream().map(stages::get).toList();
    }
}
