package dev.jbuild.store;

/** Removing an image needs {@code -f}: by ID, it is tagged in more than one repository (Docker's wording). */
public final class ImageConflictException extends StoreException {
    public ImageConflictException(String message) {
        super(message);
    }
}
