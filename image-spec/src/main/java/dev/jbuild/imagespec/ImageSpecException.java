package dev.jbuild.imagespec;

/**
 * A value that breaks the image-spec or the distribution reference grammar: a digest, reference, manifest
 * or config that cannot be what it claims. The message is already the one line a user reads (Docker's
 * wording where Docker has one). Unchecked, like every error family of jbuild: it surfaces from record
 * constructors and from inside parsers.
 */
public sealed class ImageSpecException extends RuntimeException
        permits InvalidReferenceException, InvalidImageException, InvalidDigestException {
    public ImageSpecException(String message) {
        super(message);
    }

    public ImageSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
