package dev.jbuild.lint.model;

/**
 * One stage needing something: its FROM, a {@code COPY --from} or a {@code RUN --mount from=}.
 *
 * @param reference the name as written (expanded when it can be)
 * @param target the stage it names, or -1 when it names an image or named context
 * @param entry the instruction that holds the reference
 */
public record StageReference(Kind kind, int from, String reference, int target, InstructionEntry entry) {
    public enum Kind { FROM, COPY_FROM, MOUNT_FROM }

    public boolean namesStage() {
        return target >= 0;
    }
}
