package dev.jbuild.executor;

/** A storage driver could not be used or failed to prepare, diff or clean up a workspace. */
public final class StorageException extends ExecutorException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
