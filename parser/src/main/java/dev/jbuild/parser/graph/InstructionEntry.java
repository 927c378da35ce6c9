package dev.jbuild.parser.graph;

import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SourceRange;

/**
 * One instruction of the file as the graph keeps it: always its syntax node, and its typed form unless it
 * is invalid, in which case {@code error} says why. The graph goes on past an invalid instruction, so that
 * lint sees the whole file and a build reports every problem at once.
 *
 * @param index position in the file, from 0
 * @param stage index of the stage it belongs to ({@code FROM} belongs to the stage it opens), or -1
 *     for instructions before the first FROM
 */
public record InstructionEntry(int index, RawInstruction raw, Instruction typed, DockerfileSyntaxException error, int stage) {

    public boolean is(String keyword) {
        return raw.is(keyword);
    }

    public boolean valid() {
        return typed != null;
    }

    /** The typed instruction as {@code type}, or null when it is another kind or invalid. */
    public <T extends Instruction> T as(Class<T> type) {
        return type.isInstance(typed) ? type.cast(typed) : null;
    }

    public SourceRange range() {
        return raw.range();
    }
}
