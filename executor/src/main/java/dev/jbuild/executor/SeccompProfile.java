package dev.jbuild.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp filter with the effect of Docker's default profile for a container holding Docker's
 * default capabilities, written as a deny list.
 *
 * <p>Docker's profile is an allow list of about 370 system calls, some allowed only with a
 * capability (CAP_SYS_ADMIN for mount and unshare, CAP_SYS_TIME for settimeofday…) or on recent
 * kernels. A step holds none of those extra capabilities, so what the profile refuses it is a
 * fixed set: that set is denied here with EPERM (Docker's {@code defaultErrnoRet}), and everything
 * else is allowed. The difference from Docker is only in system calls newer than this list, which
 * Docker refuses until its profile learns them and this filter lets through (with the kernel's own
 * permission checks, which the missing capabilities already fail for the privileged ones), and in
 * {@code personality}, whose allowed-argument list a deny list cannot express.
 */
final class SeccompProfile {
    private static final long EPERM = 1;
    private static final long ENOSYS = 38;

    /**
     * What Docker's profile refuses to a container with the default capabilities: calls it allows
     * only with a capability a step does not have (CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_MODULE,
     * CAP_SYS_TIME, CAP_SYS_PTRACE, CAP_SYS_NICE, CAP_SYS_RAWIO, CAP_SYSLOG, CAP_SYS_PACCT,
     * CAP_SYS_TTY_CONFIG, CAP_DAC_READ_SEARCH, CAP_BPF, CAP_PERFMON) and calls absent from its
     * allow list altogether.
     */
    static final List<String> DENIED = List.of(
            // key management, not namespaced
            "add_key", "keyctl", "request_key",
            // mounting, namespaces, host identity and kernel tracing (CAP_SYS_ADMIN)
            "mount", "umount", "umount2", "pivot_root", "unshare", "setns", "fsopen", "fsconfig", "fsmount",
            "fspick", "move_mount", "open_tree", "mount_setattr", "fanotify_init", "quotactl", "quotactl_fd",
            "lookup_dcookie", "sethostname", "setdomainname", "bpf", "perf_event_open",
            // file handles (CAP_DAC_READ_SEARCH)
            "open_by_handle_at",
            // kernel modules and kexec (CAP_SYS_MODULE, CAP_SYS_BOOT)
            "init_module", "finit_module", "delete_module", "create_module", "query_module", "get_kernel_syms",
            "kexec_load", "kexec_file_load", "reboot",
            // clocks (CAP_SYS_TIME)
            "settimeofday", "stime", "clock_settime", "clock_settime64",
            // other processes' memory and descriptors (CAP_SYS_PTRACE)
            "kcmp", "pidfd_getfd", "process_madvise",
            // raw I/O and memory policy (CAP_SYS_RAWIO, CAP_SYS_NICE)
            "iopl", "ioperm", "get_mempolicy", "set_mempolicy", "set_mempolicy_home_node", "mbind", "move_pages",
            "migrate_pages",
            // accounting, swap, kernel log, tty (CAP_SYS_PACCT, CAP_SYS_ADMIN, CAP_SYSLOG, CAP_SYS_TTY_CONFIG)
            "acct", "swapon", "swapoff", "syslog", "vhangup",
            // obsolete or never allowed
            "nfsservctl", "sysfs", "_sysctl", "uselib", "ustat", "vm86", "vm86old", "userfaultfd",
            // removed from Docker's profile in Engine 25
            "io_uring_setup", "io_uring_enter", "io_uring_register");

    /** Allowed by Docker only from kernel 4.8, whose ptrace no longer bypasses seccomp. */
    static final List<String> DENIED_BEFORE_4_8 = List.of("ptrace", "process_vm_readv", "process_vm_writev");

    /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
    private static final long[] NAMESPACE_FLAGS = {
        0x00020000L, 0x02000000L, 0x04000000L, 0x08000000L, 0x10000000L, 0x20000000L, 0x40000000L};

    private static final long AF_VSOCK = 40;

    private SeccompProfile() {
    }

    static OciSpec.Seccomp dockerEquivalent(String architecture, String kernelVersion) {
        List<OciSpec.Syscall> rules = new ArrayList<>();
        List<String> denied = new ArrayList<>(DENIED);
        if (olderThan(kernelVersion, 4, 8)) {
            denied.addAll(DENIED_BEFORE_4_8);
        }
        rules.add(new OciSpec.Syscall(denied, "SCMP_ACT_ERRNO", EPERM, null));
        // clone may not create namespaces (Docker allows it only when no CLONE_NEW* bit is set).
        for (long flag : NAMESPACE_FLAGS) {
            rules.add(new OciSpec.Syscall(List.of("clone"), "SCMP_ACT_ERRNO", EPERM,
                    List.of(new OciSpec.Arg(cloneFlagsArgument(architecture), flag, flag, "SCMP_CMP_MASKED_EQ"))));
        }
        // clone3 passes its flags in memory, out of a filter's reach: Docker answers ENOSYS so that
        // the C library falls back to clone, whose flags the rules above check.
        rules.add(new OciSpec.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, null));
        rules.add(new OciSpec.Syscall(List.of("socket"), "SCMP_ACT_ERRNO", EPERM,
                List.of(new OciSpec.Arg(0, AF_VSOCK, null, "SCMP_CMP_EQ"))));
        return new OciSpec.Seccomp("SCMP_ACT_ALLOW", architectures(architecture), rules);
    }

    /** Every ABI the CPU can run, so that a 32-bit system call cannot go around the filter. */
    static List<String> architectures(String architecture) {
        return switch (architecture) {
            case "amd64", "x86_64" -> List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
            case "aarch64", "arm64" -> List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
            case "ppc64le" -> List.of("SCMP_ARCH_PPC64LE");
            case "s390x" -> List.of("SCMP_ARCH_S390X", "SCMP_ARCH_S390");
            case "riscv64" -> List.of("SCMP_ARCH_RISCV64");
            default -> List.of();
        };
    }

    /** s390 passes clone's flags second. */
    private static int cloneFlagsArgument(String architecture) {
        return architecture.startsWith("s390") ? 1 : 0;
    }

    static boolean olderThan(String kernelVersion, int major, int minor) {
        String[] parts = kernelVersion.split("[.-]");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor < major || (actualMajor == major && actualMinor < minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
