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
 * @param from the FROM instruction as written
 * @param baseName the FROM image after expanding global ARGs
 * @param base what {@code baseName} resolves to
 * @param platform the expanded {@code --platform}, or null
 * @param instructions the instructions after FROM, unexpanded
 * @param dependencies every stage or image this stage needs, in instruction order
 */
public record Stage(
        int index,
        String name,
        From from,
        String baseName,
        StageBase base,
        String platform,
        List<Instruction> instructions,
        List<StageDependency> dependencies,
        SourceRange range) {

    public Stage {
        instructions = List.copyOf(instructions);
        dependencies = List.copyOf(dependencies);
    }

    /** The name BuildKit shows in progress: the AS name, else {@code stage-N}. */
    public String displayName() {
        return name != null ? name : "stage-" + index;
    }
}
