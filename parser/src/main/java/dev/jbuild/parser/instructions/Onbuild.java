package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * ONBUILD: an instruction stored in the image and run by builds that use it as a base.
 *
 * @param trigger the wrapped instruction, already checked like any other
 * @param expression the trigger text BuildKit stores in the image config's {@code OnBuild}: the
 *     line without its {@code ONBUILD} keyword, followed by each heredoc body and terminator
 */
public record Onbuild(Instruction trigger, String expression, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "ONBUILD";
    }
}
