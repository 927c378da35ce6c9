package dev.jbuild.executor;

import java.io.IOException;

/** Base of the executor's failures: a storage driver, the OCI runtime or a step's setup went wrong. */
public sealed class ExecutorException extends IOException
        permits RuntimeUnavailableException, UnknownUserException, StorageException, ContainerStartException {
    public ExecutorException(String message) {
        super(message);
    }

    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
