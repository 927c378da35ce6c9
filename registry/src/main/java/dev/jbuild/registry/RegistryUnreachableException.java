package dev.jbuild.registry;

/** The registry could not be reached at all (unknown host, refused, timed out, TLS refused), after retries. */
public final class RegistryUnreachableException extends RegistryException {
    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
