package dev.jbuild.builder.dispatch;

import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.instructions.Instruction;
import java.util.List;

/**
 * One stage as the build runs it, known before anything runs: its steps in order (the base image's
 * ONBUILD triggers first) and how progress numbers them.
 *
 * @param label the bracket label of its steps ({@code builder}, {@code stage-1}, or empty)
 * @param steps every instruction to dispatch, with the text progress shows for it
 * @param showsFrom whether progress shows a FROM step for this stage: only for a stage on an image, and
 *     only once per image in a build, as BuildKit shows one vertex per distinct base
 * @param total how many steps the stage counts: its filesystem steps, plus its FROM line when the stage
 *     is on an image (shown or not)
 */
public record StagePlan(Stage stage, String label, List<Step> steps, boolean showsFrom, int total) {
    public StagePlan {
        steps = List.copyOf(steps);
    }

    /** An instruction of the stage, or of its base's ONBUILD triggers, with its progress text. */
    public record Step(Instruction instruction, String text, boolean trigger) {}

    /** Whether the stage starts from an image (so its FROM line is step 1). */
    boolean fromCounts() {
        return stage.base() instanceof dev.jbuild.parser.graph.StageBase.Image;
    }

    /** The steps progress shows for this stage. */
    int shownSteps() {
        return total - (fromCounts() && !showsFrom ? 1 : 0);
    }
}
