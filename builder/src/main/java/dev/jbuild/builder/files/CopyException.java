package dev.jbuild.builder.files;

/**
 * A COPY/ADD that cannot be done, with BuildKit's wording where it has one
 * (e.g. {@code failed to compute cache key: "/missing.txt": not found},
 * {@code When using COPY with more than one source file, the destination must be a directory and end with a /}).
 */
public class CopyException extends RuntimeException {
    public CopyException(String message) {
        super(message);
    }

    public CopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
