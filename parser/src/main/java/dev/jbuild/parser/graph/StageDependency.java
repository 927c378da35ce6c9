package dev.jbuild.parser.graph;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * One stage needing something built or fetched first.
 *
 * @param kind how the need is written
 * @param reference the name as expanded ({@code builder}, {@code 0}, {@code alpine:3})
 * @param stageIndex the stage it names, or null when it names an image (or a named context)
 * @param range the instruction that creates the need
 */
public record StageDependency(Kind kind, String reference, Integer stageIndex, SourceRange range) {
    public enum Kind { FROM, COPY_FROM, MOUNT_FROM }

    public boolean isStage() {
        return stageIndex != null;
    }
}
