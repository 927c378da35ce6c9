package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** CMD: the image's default command or ENTRYPOINT arguments. */
public record Cmd(Command command, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "CMD";
    }
}
