package dev.jbuild.cli;

/** A failure whose message is already what the user should read; printed as one line, exit code 1. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
