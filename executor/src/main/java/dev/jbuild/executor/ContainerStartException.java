package dev.jbuild.executor;

/**
 * The runtime could not start the step's process (no such executable, bad working directory, a
 * mount it could not make). The message is the runtime's own, as Docker shows it.
 */
public final class ContainerStartException extends ExecutorException {
    public ContainerStartException(String message) {
        super(message);
    }
}
