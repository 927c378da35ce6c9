package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
import java.util.List;
import java.util.Objects;

/**
 * What to run in a step: the argv (a shell form is already wrapped by the caller, e.g.
 * {@code ["/bin/sh", "-c", "..."]}), the environment as {@code NAME=value} strings, the working
 * directory (created if missing), the user as written in a Dockerfile USER ({@code ""} is root),
 * the network and extra mounts.
 *
 * <p>{@code PATH} and {@code HOME} are added when the environment lacks them, as Docker does.
 *
 * @param hostname the step's host name; BuildKit uses {@code buildkitsandbox}
 * @param extraHosts lines to append to the step's {@code /etc/hosts}, e.g. {@code "10.0.0.1\tdb"}
 * @param resources limits and sizes of the sandbox ({@link StepResources#defaults()} unless the build sets them)
 */
public record RunSpec(List<String> args, List<String> env, String cwd, String user, NetworkMode network,
                      List<MountSpec> mounts, String hostname, List<String> extraHosts, StepResources resources) {
    public static final String DEFAULT_HOSTNAME = "buildkitsandbox";

    public RunSpec {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a step needs a command");
        }
        env = List.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
        if (!cwd.startsWith("/")) {
            throw new IllegalArgumentException("working directory must be absolute: " + cwd);
        }
        user = user == null ? "" : user;
        Objects.requireNonNull(network, "network");
        mounts = List.copyOf(mounts);
        hostname = hostname == null || hostname.isEmpty() ? DEFAULT_HOSTNAME : hostname;
        extraHosts = List.copyOf(extraHosts);
        Objects.requireNonNull(resources, "resources");
    }

    /** Runs {@code args} as root in "/", default network, no environment, no mounts. */
    public static RunSpec of(List<String> args) {
        return new RunSpec(args, List.of(), "/", "", NetworkMode.DEFAULT, List.of(), DEFAULT_HOSTNAME, List.of(),
                StepResources.defaults());
    }

    public RunSpec withEnv(List<String> newEnv) {
        return new RunSpec(args, newEnv, cwd, user, network, mounts, hostname, extraHosts, resources);
    }

    public RunSpec withCwd(String newCwd) {
        return new RunSpec(args, env, newCwd, user, network, mounts, hostname, extraHosts, resources);
    }

    public RunSpec withUser(String newUser) {
        return new RunSpec(args, env, cwd, newUser, network, mounts, hostname, extraHosts, resources);
    }

    public RunSpec withNetwork(NetworkMode newNetwork) {
        return new RunSpec(args, env, cwd, user, newNetwork, mounts, hostname, extraHosts, resources);
    }

    public RunSpec withMounts(List<MountSpec> newMounts) {
        return new RunSpec(args, env, cwd, user, network, newMounts, hostname, extraHosts, resources);
    }

    public RunSpec withHostname(String newHostname) {
        return new RunSpec(args, env, cwd, user, network, mounts, newHostname, extraHosts, resources);
    }

    public RunSpec withResources(StepResources newResources) {
        return new RunSpec(args, env, cwd, user, network, mounts, hostname, extraHosts, newResources);
    }

    public RunSpec withExtraHosts(List<String> newExtraHosts) {
        return new RunSpec(args, env, cwd, user, network, mounts, hostname, newExtraHosts, resources);
    }
}
