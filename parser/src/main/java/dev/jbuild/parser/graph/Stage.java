package dev.jbuild.parser.graph;

import dev.jbuild.parser.instructions.From;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * A build stage: a FROM and the instructions up to the next one.
 *
 * @param index position among all stages of the file, from 0
 * @param name the lower-cased {@code AS} name, or null
 * @param from the FROM instruction as written; null only when the FROM line is invalid (such a graph
 *     is not built, see {@link InstructionGraph#requireBuildable()})
 * @param baseName the FROM image after expanding global ARGs (as written when it does not expand)
 * @param base what {@code baseName} resolves to
 * @param platform the expanded {@code --platform}, or null
 * @param entries the FROM line and every instruction after it, invalid ones included
 * @param instructions the valid instructions after FROM, unexpanded: what a build runs
 * @param dependencies every stage or image this stage needs, in instruction order
 */
public record Stage(
        int index,
        String name,
        From from,
        String baseName,
        StageBase base,
        String platform,
        List<InstructionEntry> entries,
        List<Instruction> instructions,
        List<StageDependency> dependencies,
        SourceRange range) {

    public Stage {
        entries = List.copyOf(entries);
        instructions = List.copyOf(instructions);
        dependencies = List.copyOf(dependencies);
    }

    /** The name BuildKit shows in progress: the AS name, else {@code stage-N}. */
    public String displayName() {
        return name != null ? name : "stage-" + index;
    }

    /** The FROM line. */
    public InstructionEntry fromEntry() {
        return entries.get(0);
    }

    /** The instructions after FROM up to the next FROM, invalid ones included. */
    public List<InstructionEntry> body() {
        return entries.subList(1, entries.size());
    }

    /** The stage FROM names, or -1 when it names an image or {@code scratch}. */
    public int baseStage() {
        return base instanceof StageBase.StageRef ref ? ref.index() : -1;
    }

    public boolean fromScratch() {
        return base instanceof StageBase.Scratch;
    }
}
