package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What gives a step with the default network a namespace of its own with outbound connectivity and no way
 * to the host's loopback: {@link Slirp4netnsNetwork} (a user-mode stack) or {@link CniBridgeNetwork} (the
 * CNI bridge plugin with NAT). {@link NetworkProviders} picks one by a probe.
 */
interface NetworkProvider {

    /** How {@code jbuild info} and {@code JBUILD_NETWORK_PROVIDER} name it. */
    String name();

    /**
     * Creates the step's namespace at {@code runDir/netns} and connects it. Whatever it sets up outside the
     * run directory is recorded inside it first, so that {@link Janitor} can undo it after a crash.
     */
    StepNetwork attach(Path runDir) throws IOException, InterruptedException;
}
