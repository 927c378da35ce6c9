package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/** ARG: one or more build arguments ({@code ARG A=1 B}). */
public record Arg(List<ArgDeclaration> declarations, SourceRange range) implements Instruction {
    public Arg {
        declarations = List.copyOf(declarations);
    }

    @Override
    public String name() {
        return "ARG";
    }
}
