package dev.jbuild.executor;

/**
 * Base of the executor's failures: a storage driver, the OCI runtime or a step's setup went wrong. Unchecked,
 * like every module's family: the CLI's {@code Failures} is the one place that catches it to print its message;
 * code that must go on after one (probes, cleanups) catches it next to {@code IOException}.
 */
public sealed class ExecutorException extends RuntimeException
        permits RuntimeUnavailableException, UnknownUserException, StorageException, ContainerStartException {
    public ExecutorException(String message) {
        super(message);
    }

    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
