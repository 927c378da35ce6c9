package dev.jbuild.registry;

/** The registry answered with a status or document the distribution spec does not allow here. */
public final class RegistryProtocolException extends RegistryException {
    private final int status;

    public RegistryProtocolException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the failure was in a document. */
    public int status() {
        return status;
    }
}
