package dev.jbuild.builder;

import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.executor.Janitor;
import dev.jbuild.executor.RuntimeProbe;
import dev.jbuild.executor.Sandbox;
import dev.jbuild.executor.StorageDriver;
import dev.jbuild.executor.StorageDrivers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The storage driver and the sandbox, set up the first time a step needs them: a fully cached
 * build mounts nothing and runs nothing, so it never pays for the overlay probe, the runtime probe
 * (a real container start) or the clean-up of what killed builds left behind.
 */
public final class ExecutorSetup {
    private final ExecutorLayout layout;
    private final String requestedDriver;
    private final Optional<Path> runtime;
    private final String requestedNetwork;
    private StorageDriver driver;
    private Sandbox sandbox;
    private String driverReason = "";
    private String runtimeReason = "";
    private boolean cleaned;

    /**
     * @param requestedDriver {@code overlay}, {@code vfs} or null to detect
     * @param runtime a runtime binary to use instead of runc/crun, or empty
     */
    public ExecutorSetup(ExecutorLayout layout, String requestedDriver, Optional<Path> runtime) {
        this(layout, requestedDriver, runtime, null);
    }

    /**
     * @param requestedNetwork what connects default-network steps ({@code slirp4netns}, {@code cni-bridge}), or
     *     null to probe (see {@link dev.jbuild.executor.NetworkProviders})
     */
    public ExecutorSetup(ExecutorLayout layout, String requestedDriver, Optional<Path> runtime, String requestedNetwork) {
        this.layout = layout;
        this.requestedDriver = requestedDriver;
        this.runtime = runtime;
        this.requestedNetwork = requestedNetwork;
    }

    /** Already chosen parts (tests, embedding). */
    public ExecutorSetup(StorageDriver driver, Sandbox sandbox) {
        this.layout = null;
        this.requestedDriver = driver.name();
        this.runtime = Optional.empty();
        this.requestedNetwork = null;
        this.driver = driver;
        this.sandbox = sandbox;
        this.cleaned = true;
    }

    public synchronized StorageDriver driver() throws IOException {
        if (driver == null) {
            cleanOnce();
            StorageDrivers.Selection selection = StorageDrivers.select(requestedDriver, layout);
            driver = selection.driver();
            driverReason = selection.reason();
        }
        return driver;
    }

    public synchronized Sandbox sandbox() throws IOException {
        if (sandbox == null) {
            cleanOnce();
            RuntimeProbe.Selection selection = RuntimeProbe.select(runtime, layout);
            sandbox = new Sandbox(selection.runtime(), layout, requestedNetwork);
            runtimeReason = selection.reason();
        }
        return sandbox;
    }

    /** Why the driver and runtime were chosen (empty for the parts not set up yet). */
    public synchronized String describe() {
        return (driver == null ? "storage driver: not needed" : "storage driver " + driver.name() + ": "
                + driverReason) + "; " + (sandbox == null ? "runtime: not needed" : "runtime: " + runtimeReason);
    }

    private void cleanOnce() {
        if (!cleaned && layout != null) {
            Janitor.cleanStale(layout);
            cleaned = true;
        }
    }
}
