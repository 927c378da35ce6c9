package dev.jbuild.executor;

/**
 * A step's network. Without a daemon there is no bridge, NAT or DNS proxy to attach a container
 * to, so {@link #DEFAULT} shares the host's network namespace: the step reaches what the host
 * reaches, with the host's resolv.conf, as {@code docker build} users expect from the default
 * network. It differs from Docker in that the step also sees the host's interfaces and can bind
 * the host's ports.
 */
public enum NetworkMode {
    /** The host's network namespace (see the class comment). */
    DEFAULT,
    /** The host's network namespace, as asked. */
    HOST,
    /** A new network namespace with only the loopback interface. */
    NONE
}
