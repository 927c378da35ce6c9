package dev.jbuild.transfer;

/** {@code load --verify} found an image that is unsigned, signed by another key, or altered after signing. */
public final class VerificationFailedException extends TransferException {
    public VerificationFailedException(String message) {
        super(message);
    }
}
