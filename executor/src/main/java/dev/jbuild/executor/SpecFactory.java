package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a step's {@code config.json}: the process, Docker's isolation defaults and the mounts. */
final class SpecFactory {

    private SpecFactory() {
    }

    /**
     * @param networkNamespace the namespace a {@link NetworkMode#DEFAULT} step joins (made and connected by a
     *     {@link NetworkProvider}); null for the other modes
     * @param containerId the runtime's name for the step, which names its cgroup under a {@code --cgroup-parent}
     */
    static OciSpec build(Path rootfs, RunSpec spec, ProcessUser user, HostFiles.Paths hostFiles,
                         List<OciSpec.Mount> stepMounts, Path networkNamespace, String containerId) {
        List<Long> groups = new ArrayList<>();
        for (int gid : user.additionalGids()) {
            groups.add((long) gid);
        }
        List<String> capabilities = DockerDefaults.CAPABILITIES;
        OciSpec.Process process = new OciSpec.Process(
                false,
                new OciSpec.User(user.uid(), user.gid(), groups.isEmpty() ? null : groups),
                spec.args(),
                environment(spec.env(), user),
                spec.cwd(),
                // Inheritable stays empty, as in Docker since 23.0 (CVE-2022-24769).
                new OciSpec.Capabilities(capabilities, capabilities, List.of(), capabilities),
                rlimits(spec.resources()),
                // Docker leaves no_new_privs off, so setuid programs (su, sudo) work in a step.
                false);
        return new OciSpec(OciSpec.VERSION, process, new OciSpec.Root(rootfs.toString(), false),
                spec.hostname(), mounts(hostFiles, stepMounts, spec.resources()),
                linux(spec.network(), networkNamespace, spec.resources(), containerId));
    }

    /** The mount destinations in mount order: what {@link MountStubs} needs to know. */
    static List<String> destinations(OciSpec config) {
        List<String> destinations = new ArrayList<>();
        for (OciSpec.Mount mount : config.mounts()) {
            destinations.add(mount.destination());
        }
        return destinations;
    }

    private static List<OciSpec.Mount> mounts(HostFiles.Paths hostFiles, List<OciSpec.Mount> stepMounts,
                                              StepResources resources) {
        List<OciSpec.Mount> mounts = new ArrayList<>(DockerDefaults.MOUNTS);
        mounts.replaceAll(mount -> mount.destination().equals("/dev/shm") ? DockerDefaults.shm(resources.shmSizeBytes())
                : mount);
        List<String> readOnlyBind = List.of("rbind", "ro");
        mounts.add(new OciSpec.Mount("/etc/resolv.conf", "bind", hostFiles.resolvConf().toString(), readOnlyBind));
        mounts.add(new OciSpec.Mount("/etc/hosts", "bind", hostFiles.hosts().toString(), readOnlyBind));
        mounts.add(new OciSpec.Mount("/etc/hostname", "bind", hostFiles.hostname().toString(), readOnlyBind));
        mounts.addAll(stepMounts);
        return mounts;
    }

    /** {@code --ulimit}s as the process's rlimits; null (left out) when the build sets none. */
    private static List<OciSpec.Rlimit> rlimits(StepResources resources) {
        if (resources.ulimits().isEmpty()) {
            return null;
        }
        List<OciSpec.Rlimit> rlimits = new ArrayList<>();
        for (Ulimit ulimit : resources.ulimits()) {
            rlimits.add(new OciSpec.Rlimit(ulimit.rlimitType(), ulimit.hard(), ulimit.soft()));
        }
        return rlimits;
    }

    private static OciSpec.Linux linux(NetworkMode network, Path networkNamespace, StepResources resources,
                                       String containerId) {
        List<OciSpec.Namespace> namespaces = new ArrayList<>(List.of(
                new OciSpec.Namespace("pid"), new OciSpec.Namespace("ipc"), new OciSpec.Namespace("uts"),
                new OciSpec.Namespace("mount")));
        switch (network) {
            case NONE -> namespaces.add(new OciSpec.Namespace("network"));
            case DEFAULT -> namespaces.add(new OciSpec.Namespace("network", networkNamespace.toString()));
            case HOST -> { }
        }
        OciSpec.Resources limits = new OciSpec.Resources(
                resources.pidsLimit() > 0 ? new OciSpec.Pids(resources.pidsLimit()) : null,
                resources.memoryBytes() != null ? new OciSpec.Memory(resources.memoryBytes()) : null);
        String cgroupsPath = resources.cgroupParent() == null ? null
                : "/" + resources.cgroupParent().replaceAll("^/+|/+$", "") + "/" + containerId;
        return new OciSpec.Linux(namespaces, cgroupsPath,
                limits.pids() == null && limits.memory() == null ? null : limits,
                DockerDefaults.MASKED_PATHS, DockerDefaults.READONLY_PATHS,
                SeccompProfile.dockerEquivalent(System.getProperty("os.arch"), System.getProperty("os.version")));
    }

    /** The step's environment, plus Docker's PATH and the user's HOME when it does not set them. */
    static List<String> environment(List<String> env, ProcessUser user) {
        List<String> result = new ArrayList<>(env);
        if (env.stream().noneMatch(entry -> entry.startsWith("PATH="))) {
            result.add("PATH=" + DockerDefaults.PATH);
        }
        if (env.stream().noneMatch(entry -> entry.startsWith("HOME="))) {
            result.add("HOME=" + user.home());
        }
        return result;
    }
}
