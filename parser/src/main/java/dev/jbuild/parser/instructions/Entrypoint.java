package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** ENTRYPOINT: the image's executable. */
public record Entrypoint(Command command, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "ENTRYPOINT";
    }
}
