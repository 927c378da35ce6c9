package dev.jbuild.imagespec;


/** JSON that is not a valid image config, manifest or index, or an image whose parts do not fit together. */
public final class InvalidImageException extends ImageSpecException {
    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
