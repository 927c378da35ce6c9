package dev.jbuild.parser.graph;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * One stage needing something built or fetched first.
 *
 * @param kind how the need is written
 * @param owner the index of the stage that has the need
 * @param reference the name as expanded ({@code builder}, {@code 0}, {@code alpine:3}); as written when
 *     it does not expand
 * @param stageIndex the stage it names, or null when it names an image (or a named context)
 * @param entry the instruction that creates the need
 */
public record StageDependency(Kind kind, int owner, String reference, Integer stageIndex, InstructionEntry entry) {
    public enum Kind { FROM, COPY_FROM, MOUNT_FROM }

    public boolean isStage() {
        return stageIndex != null;
    }

    /** The stage it names, or -1. */
    public int target() {
        return stageIndex == null ? -1 : stageIndex;
    }

    public SourceRange range() {
        return entry.range();
    }
}
