package dev.jbuild.builder;

import dev.jbuild.parser.syntax.SourceRange;

/**
 * A build that cannot go on, with the step and Dockerfile line it happened at when there is one.
 * The message is what the user reads after {@code failed to solve: }.
 */
public sealed class BuildException extends RuntimeException
        permits StepFailedException, BuildCancelledException, BaseImageNotFoundException, CacheMismatchException {
    private final StepId step;

    public BuildException(String message, StepId step, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    public BuildException(String message) {
        this(message, null, null);
    }

    /** The failing step, or null when the failure belongs to no step. */
    public StepId step() {
        return step;
    }

    /** The failing instruction's place in the Dockerfile, or null. */
    public SourceRange range() {
        return step == null ? null : step.range();
    }
}
