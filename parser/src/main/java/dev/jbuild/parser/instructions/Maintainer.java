package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/** MAINTAINER (deprecated): the image author, the whole argument text. */
public record Maintainer(String maintainer, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "MAINTAINER";
    }
}
