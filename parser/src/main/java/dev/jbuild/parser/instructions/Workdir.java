package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** WORKDIR: the path as written, unexpanded and not yet joined to the previous one. */
public record Workdir(String path, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "WORKDIR";
    }
}
