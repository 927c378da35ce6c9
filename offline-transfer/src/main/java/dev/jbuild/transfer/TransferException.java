package dev.jbuild.transfer;

/**
 * A save, load or signing failure whose message is the one line to show a user. A store failure
 * (a corrupt blob, a missing image) keeps its own {@code StoreException} type; this family covers
 * what the archive or the keys are to blame for. Unchecked, as every module's family is.
 */
public sealed class TransferException extends RuntimeException
        permits InvalidArchiveException, KeyFileException, VerificationFailedException, EncryptionException,
        EngineLoadException {
    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
