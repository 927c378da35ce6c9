package dev.jbuild.cli.args;

import java.util.List;

/**
 * The command line is wrong: the message is what the user reads (wording that scripts and tests
 * match), and the command it concerns tells which help to point to. Commands throw it too, for
 * wrong input only they can judge (an unknown lint rule); then the command is left empty and the caller
 * fills in the command that was running.
 */
public class UsageException extends RuntimeException {
    private final List<String> command;

    /** A usage error in the command that is running. */
    public UsageException(String message) {
        this(message, List.of());
    }

    /** @param command the words that name the command, program first ({@code [jbuild, system, check]}) */
    public UsageException(String message, List<String> command) {
        super(message);
        this.command = List.copyOf(command);
    }

    /** The words naming the command the error concerns, or empty when the thrower did not know them. */
    public List<String> command() {
        return command;
    }
}
