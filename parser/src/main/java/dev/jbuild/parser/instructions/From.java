package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * FROM: starts a build stage.
 *
 * @param image the base as written (an image reference, a stage name or {@code scratch}), unexpanded
 * @param stageName the name after {@code AS}, lower-cased as BuildKit stores it, or null
 * @param platform the {@code --platform} value unexpanded, or null when absent or empty
 */
public record From(String image, String stageName, String platform, SourceRange range) implements Instruction {
    @Override
    public String name() {
        return "FROM";
    }
}
