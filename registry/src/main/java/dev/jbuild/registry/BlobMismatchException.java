package dev.jbuild.registry;

/**
 * A blob from a registry is not what its descriptor says (digest, size, or the diff ID its layer
 * must decompress to). It was not stored: a lying registry or proxy leaves nothing behind.
 */
public final class BlobMismatchException extends RegistryException {
    public BlobMismatchException(String message) {
        super(message);
    }

    public BlobMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
