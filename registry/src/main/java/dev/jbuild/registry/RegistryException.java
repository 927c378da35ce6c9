package dev.jbuild.registry;

/**
 * A registry operation that failed, with a message that is already the one line a user should read:
 * what failed (the image, the registry) and what to do about it. Secrets never appear in it.
 * Unchecked so that it can surface from inside a streaming body; the CLI prints it as it is.
 */
public sealed class RegistryException extends RuntimeException
        permits UnsupportedManifestException, RegistryProtocolException, AuthenticationFailedException, BlobMismatchException, RegistryUnreachableException, NotFoundInRegistryException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
