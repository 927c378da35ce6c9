package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** USER: {@code user[:group]} as written, unexpanded. */
public record User(String user, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "USER";
    }
}
