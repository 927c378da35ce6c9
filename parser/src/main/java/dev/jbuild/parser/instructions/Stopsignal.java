package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** STOPSIGNAL: the signal as written ({@code SIGTERM}, {@code 9}, {@code $SIG}). */
public record Stopsignal(String signal, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "STOPSIGNAL";
    }
}
