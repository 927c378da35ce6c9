package dev.jbuild.executor;

/** A user or group name is not in the root file system's {@code /etc/passwd} or {@code /etc/group}. */
public final class UnknownUserException extends ExecutorException {
    public UnknownUserException(String message) {
        super(message);
    }
}
