package dev.jbuild.executor;

/**
 * A step's network, as {@code docker build} (BuildKit) gives it.
 */
public enum NetworkMode {
    /**
     * A network namespace of the step's own with outbound connectivity through NAT, connected by the
     * {@link NetworkProviders provider} a probe finds working; the host's loopback and interfaces are out of
     * reach, and resolv.conf lists the host's resolvers that work from there ({@link ResolvConf}).
     */
    DEFAULT,
    /** The host's network namespace, as asked ({@code --network=host}): the step sees everything the host does. */
    HOST,
    /** A new network namespace with only the loopback interface. */
    NONE
}
