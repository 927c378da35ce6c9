package dev.jbuild.builder;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * One step as the progress output names it, BuildKit style: {@code #7 [builder 2/4] RUN make}.
 *
 * @param number the vertex number, in the order steps start (from 1)
 * @param stage the stage label shown in brackets ({@code builder}, {@code stage-1}), or empty for a
 *     single unnamed stage
 * @param position this step's place in its stage, from 1 (FROM is 1)
 * @param total how many steps the stage has (FROM and every filesystem step: RUN, COPY, ADD, WORKDIR)
 * @param text the instruction as written ({@code RUN make}), continuation lines joined
 * @param range where the instruction is written; null for steps with no line (none so far)
 */
public record StepId(int number, String stage, int position, int total, String text, SourceRange range) {

    /** {@code [builder 2/4] RUN make}, or {@code [2/4] RUN make} without a stage label. */
    public String label() {
        String prefix = stage.isEmpty() ? "" : stage + " ";
        return "[" + prefix + position + "/" + total + "] " + text;
    }
}
