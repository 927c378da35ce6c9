package dev.jbuild.transfer;

/** An archive that is malformed, incomplete, inconsistent or hostile; nothing of it was loaded. */
public final class InvalidArchiveException extends TransferException {
    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
