package dev.jbuild.builder;

import java.util.List;

/**
 * A RUN step exited with a non-zero status. The message is BuildKit's:
 * {@code process "/bin/sh -c exit 3" did not complete successfully: exit code: 3}.
 */
public final class StepFailedException extends BuildException {
    private final int exitCode;
    private final List<String> lastLines;

    public StepFailedException(StepId step, List<String> argv, int exitCode, List<String> lastLines) {
        super("process \"" + String.join(" ", argv) + "\" did not complete successfully: exit code: " + exitCode,
                step, null);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    public int exitCode() {
        return exitCode;
    }

    /** Up to the last 20 lines the step printed. */
    public List<String> lastLines() {
        return lastLines;
    }
}
