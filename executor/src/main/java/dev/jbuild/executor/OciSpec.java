package dev.jbuild.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The subset of the OCI runtime-spec 1.0 {@code config.json} the executor writes. Field names are
 * the spec's; absent (null) fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts, Linux linux) {

    /** runc 1.1 implements 1.0.2; nothing newer is used. */
    static final String VERSION = "1.0.2";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
                   Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) {
    }

    /** {@code hard} and {@code soft} are unsigned in the spec: -1 is RLIM_INFINITY. */
    record Rlimit(String type, long hard, long soft) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record User(long uid, long gid, List<Long> additionalGids) {
    }

    record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
                        List<String> permitted) {
    }

    record Root(String path, boolean readonly) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Mount(String destination, String type, String source, List<String> options) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Linux(List<Namespace> namespaces, String cgroupsPath, Resources resources, List<String> maskedPaths,
                 List<String> readonlyPaths, Seccomp seccomp) {
    }

    /** {@code linux.resources}: only what a build sets. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resources(Pids pids, Memory memory) {
    }

    record Pids(long limit) {
    }

    record Memory(long limit) {
    }

    /** A namespace to create, or with {@code path} one to join. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Namespace(String type, String path) {
        Namespace(String type) {
            this(type, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Seccomp(String defaultAction, List<String> architectures, List<Syscall> syscalls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Arg(int index, long value, Long valueTwo, String op) {
    }
}
