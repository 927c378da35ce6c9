package dev.jbuild.executor;

import java.util.List;

/**
 * What Docker (moby's {@code oci/defaults.go}, as of Engine 28) gives every container, and so
 * every build step: the capability set, the masked and read-only paths, and the standard mounts.
 */
final class DockerDefaults {

    /** CapEff 0x00000000a80425fb. */
    static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Bind-mounted over with /dev/null (files) or an empty read-only tmpfs (directories). */
    static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** /proc, a tmpfs /dev with its pts, shm and mqueue, and a read-only /sys. */
    static final List<OciSpec.Mount> MOUNTS = List.of(
            new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new OciSpec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new OciSpec.Mount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")),
            new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            shm(StepResources.DEFAULT_SHM_SIZE));

    /** The /dev/shm tmpfs of {@code --shm-size} bytes (64 MiB unless the build asks for another size). */
    static OciSpec.Mount shm(long bytes) {
        return new OciSpec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                "size=" + bytes));
    }

    /** Docker's default PATH, used when a step's environment has none. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private DockerDefaults() {
    }
}
