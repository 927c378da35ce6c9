package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the executor finds on this host, for {@code jbuild info}: the storage driver, runtime and network
 * provider it would use and why, and the kernel features that matter, each with whether it is on and why.
 *
 * @param storageDriver the driver's name, or null when none can be used
 * @param runtime the runtime, or null when none works ({@code runtimeReason} then says why)
 * @param network what connects a default-network step ({@link NetworkProviders}), or null when nothing
 *     does ({@code networkReason} then says why)
 */
public record ExecutorInfo(String storageDriver, String storageReason, OciRuntime runtime, String runtimeReason,
                           String network, String networkReason, String kernel, String architecture,
                           List<Feature> features) {

    /** One kernel or host feature: whether it is usable or used, and a one-line explanation. */
    public record Feature(String name, boolean on, String detail) {
    }

    public ExecutorInfo {
        features = List.copyOf(features);
    }

    /**
     * Probes everything (a tiny overlay mount, a probe container). Never throws: a failing probe is
     * reported as a reason.
     *
     * @param requestedDriver {@code --storage-driver} / {@code JBUILD_STORAGE_DRIVER}, null to detect
     * @param requestedNetwork {@code JBUILD_NETWORK_PROVIDER}, null to probe
     */
    public static ExecutorInfo gather(ExecutorLayout layout, String requestedDriver, Optional<Path> runtimeOverride,
                                      String requestedNetwork) {
        String driver;
        String driverReason;
        try {
            StorageDrivers.Selection selection = StorageDrivers.select(requestedDriver, layout);
            driver = selection.driver().name();
            driverReason = selection.reason();
        } catch (StorageException e) {
            driver = null;
            driverReason = e.getMessage();
        }
        OciRuntime runtime;
        String runtimeReason;
        try {
            RuntimeProbe.Selection selection = RuntimeProbe.select(runtimeOverride, layout);
            runtime = selection.runtime();
            runtimeReason = selection.reason();
        } catch (RuntimeUnavailableException e) {
            runtime = null;
            runtimeReason = e.getMessage();
        }
        String network;
        String networkReason;
        try {
            NetworkProviders.Selection selection = NetworkProviders.select(requestedNetwork, layout);
            network = selection.name();
            networkReason = selection.reason();
        } catch (ExecutorException e) {
            network = null;
            networkReason = e.getMessage();
        }
        return new ExecutorInfo(driver, driverReason, runtime, runtimeReason, network, networkReason,
                System.getProperty("os.version"), System.getProperty("os.arch"), features(layout, network));
    }

    private static List<Feature> features(ExecutorLayout layout, String network) {
        List<Feature> features = new ArrayList<>();
        OverlayProbe.Result overlay = OverlayProbe.probe(layout.probes());
        features.add(new Feature("overlayfs", overlay.usable(), overlay.reason()));
        String options = OverlayMount.supportedFeatureOptions();
        features.add(new Feature("overlay index/redirect_dir/metacopy", false, options.isEmpty()
                ? "not offered by this kernel (nothing to turn off)"
                : "turned off (" + options + "): the upper directory must be a complete, portable diff"));
        features.add(seccomp());
        features.add(cgroups());
        features.add(new Feature("network namespace per step", network != null, network != null
                ? "default network: a namespace of its own connected by " + network
                        + " (NAT out, the host's loopback out of reach); --network=host shares the host's"
                : "no provider works: default-network steps fail; --network=host or none still run"));
        features.add(new Feature("user namespaces", false, "not used: steps run as real root, as with a rootful Docker"));
        features.add(new Feature("resource limits", true, "pids limit " + StepResources.DEFAULT_PIDS_LIMIT
                + " per step (--pids-limit); memory only with --memory; /dev/shm 64 MiB (--shm-size); --ulimit, --cgroup-parent"));
        return features;
    }

    private static Feature seccomp() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
            if (!status.contains("Seccomp:")) {
                return new Feature("seccomp", false, "kernel built without seccomp: steps run unfiltered");
            }
            Path actions = Path.of("/proc/sys/kernel/seccomp/actions_avail");
            String available = Files.exists(actions) ? Files.readString(actions).trim() : "unknown";
            return new Feature("seccomp", true, "Docker's default profile as a deny list (actions: " + available + ")");
        } catch (IOException e) {
            return new Feature("seccomp", false, "cannot read /proc/self/status: " + e.getMessage());
        }
    }

    private static Feature cgroups() {
        Path root = Path.of("/sys/fs/cgroup");
        String layout;
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            layout = "v2 (unified)";
        } else if (Files.exists(root.resolve("unified"))) {
            layout = "v1 hybrid (cgroup2 at /sys/fs/cgroup/unified; crun 1.8 refuses this layout)";
        } else {
            layout = "v1";
        }
        return new Feature("cgroups", true, layout);
    }
}
