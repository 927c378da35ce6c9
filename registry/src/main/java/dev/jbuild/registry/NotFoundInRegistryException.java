package dev.jbuild.registry;

/** The registry does not have the tag, digest or repository asked for. */
public final class NotFoundInRegistryException extends RegistryException {
    public NotFoundInRegistryException(String message) {
        super(message);
    }
}
