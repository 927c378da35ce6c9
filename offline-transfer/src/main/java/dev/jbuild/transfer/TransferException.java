package dev.jbuild.transfer;

import dev.jbuild.store.StoreException;

/**
 * A save, load or signing failure whose message is the one line to show a user. A store failure
 * (a corrupt blob, a missing image) keeps its own {@link StoreException} type; this family covers
 * what the archive or the keys are to blame for.
 */
public class TransferException extends StoreException {
    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
