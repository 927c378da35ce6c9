package dev.jbuild.registry;

import java.time.Duration;

/** The registry answered with a status or document the distribution spec does not allow here. */
public final class RegistryProtocolException extends RegistryException {
    private final int status;
    private final transient Duration retryAfter;

    public RegistryProtocolException(String message, int status) {
        this(message, status, null);
    }

    /** @param retryAfter how long the registry asked to wait before trying again, or null */
    public RegistryProtocolException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when the failure was in a document. */
    public int status() {
        return status;
    }

    /** What the registry's {@code Retry-After} asked for, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
