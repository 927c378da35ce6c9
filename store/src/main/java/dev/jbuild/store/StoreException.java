package dev.jbuild.store;

/**
 * Every failure the store reports to a user: the message is already the one line to print (Docker's
 * wording where Docker has one). Unchecked so that it can also surface from inside a verifying
 * {@link java.io.InputStream} and from lambdas; plain I/O failures stay {@link java.io.IOException}.
 */
public sealed class StoreException extends RuntimeException
        permits StoreCorruptedException, ImageNotFoundException, AmbiguousReferenceException, BlobNotFoundException, UnsupportedCompressionException, ImageConflictException, StoreLockedException, LayerRejectedException, BlobCorruptedException, PlatformNotPresentException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
