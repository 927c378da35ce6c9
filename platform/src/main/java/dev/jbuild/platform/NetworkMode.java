package dev.jbuild.platform;

import java.util.Locale;

/**
 * The network a build step runs in: one vocabulary for the Dockerfile ({@code RUN --network=}), the
 * build's {@code --network} option and the sandbox, as BuildKit's {@code pb.NetMode} serves its
 * frontend and its executor alike.
 */
public enum NetworkMode {
    /**
     * The default network. In a {@code RUN --network=default} line: the build's (its {@code --network}
     * option). For the build and the sandbox: a network namespace of the step's own with outbound
     * connectivity through NAT; the host's loopback and interfaces are out of reach.
     */
    DEFAULT,
    /** The host's network namespace: the step sees everything the host does, its loopback included. */
    HOST,
    /** A network namespace of the step's own with only the loopback interface. */
    NONE;

    /** The word as written in a Dockerfile or on the command line. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode {@code word} names, compared case-sensitively as BuildKit does ({@code HOST} is no mode), or null. */
    public static NetworkMode ofKeyword(String word) {
        for (NetworkMode mode : values()) {
            if (mode.keyword().equals(word)) {
                return mode;
            }
        }
        return null;
    }
}
