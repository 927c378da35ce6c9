package dev.jbuild.transfer;

/** A key that cannot be read or used, a layer that cannot be decrypted; the message is the line to print. */
public final class EncryptionException extends TransferException {
    public EncryptionException(String message) {
        super(message);
    }

    public EncryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
