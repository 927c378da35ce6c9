package dev.jbuild.transfer;

/** A key file that cannot be read, is not PEM, or holds another kind of key than expected. */
public final class KeyFileException extends TransferException {
    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
