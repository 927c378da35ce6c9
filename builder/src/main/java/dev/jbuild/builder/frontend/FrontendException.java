package dev.jbuild.builder.frontend;

/**
 * What stops the front half before any Dockerfile line is read: no context, no Dockerfile, an unreadable or
 * invalid {@code .dockerignore} (then with its file and line). The message is the line a user reads.
 */
public final class FrontendException extends RuntimeException {
    public FrontendException(String message) {
        super(message);
    }

    public FrontendException(String message, Throwable cause) {
        super(message, cause);
    }
}
