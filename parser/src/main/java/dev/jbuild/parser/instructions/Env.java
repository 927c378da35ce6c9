package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.List;

/**
 * ENV: environment variables, keys and values raw (quotes and variables left for the expander).
 *
 * @param legacy true for the old {@code ENV key value} form without {@code =}
 */
public record Env(List<KeyValue> variables, boolean legacy, SourceRange range) implements Instruction {
    public Env {
        variables = List.copyOf(variables);
    }

    @Override
    public String name() {
        return "ENV";
    }
}
