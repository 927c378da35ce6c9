package dev.jbuild.transfer.engine;

import dev.jbuild.transfer.TransferException;

/** The image could not be handed to a Docker engine; the message says which engine and why. */
public class EngineLoadException extends TransferException {
    public EngineLoadException(String message) {
        super(message);
    }

    public EngineLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
