package dev.jbuild.registry;

/** The registry refused the credentials it was given, or asked for some when there were none. */
public final class AuthenticationFailedException extends RegistryException {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
