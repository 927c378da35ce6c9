package dev.jbuild.executor;

import java.time.Duration;

/**
 * How a step's process ended.
 *
 * @param exitCode the process's exit status; 128+N when killed by signal N
 * @param elapsed from the call to the end of the process (setup included, cleanup not)
 */
public record RunResult(int exitCode, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
