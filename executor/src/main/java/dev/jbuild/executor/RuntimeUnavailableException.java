package dev.jbuild.executor;

/** No OCI runtime (runc, crun or the one given) can run a container here; the message says why and what to install. */
public final class RuntimeUnavailableException extends ExecutorException {
    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
