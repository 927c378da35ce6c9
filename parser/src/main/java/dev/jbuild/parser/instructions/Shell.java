package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/** SHELL: the shell later shell-form instructions run in; always a non-empty JSON array. */
public record Shell(List<String> argv, SourceRange range) implements Instruction {
    public Shell {
        argv = List.copyOf(argv);
    }

    @Override
    public String name() {
        return "SHELL";
    }
}
