package dev.jbuild.transfer;


/** The image could not be handed to a Docker engine; the message says which engine and why. */
public final class EngineLoadException extends TransferException {
    public EngineLoadException(String message) {
        super(message);
    }

    public EngineLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
