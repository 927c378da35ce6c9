package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.platform.NetworkMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config.json a step gets, as JSON: what Docker would give it, and nothing a build step does not need. */
class OciConfigTest {
    private static final HostFiles.Paths HOST_FILES =
            new HostFiles.Paths(Path.of("/run/x/hosts"), Path.of("/run/x/resolv.conf"), Path.of("/run/x/hostname"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path NETNS = Path.of("/run/x/netns");

    private static JsonNode config(RunSpec spec, ProcessUser user) {
        return written(SpecFactory.build(Path.of("/rootfs"), spec, user, HOST_FILES, List.of(), namespaceFor(spec), "jbuild-0123"));
    }

    private static Path namespaceFor(RunSpec spec) {
        return spec.network() == NetworkMode.DEFAULT ? NETNS : null;
    }

    /** The config.json as {@link OciSpecWriter} writes it, read back. */
    private static JsonNode written(OciSpec oci) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OciSpecWriter.write(oci, out);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's data binding of the records is the oracle: the hand-written writer must say the same. */
    @Test
    void writtenConfigIsWhatDataBindingOfTheRecordsGives() {
        ProcessUser user = new ProcessUser(1000, 1000, List.of(10, 50), "/home/u");
        List<OciSpec.Mount> stepMounts = List.of(new OciSpec.Mount("/cache", "bind", "/var/c", List.of("rbind")),
                new OciSpec.Mount("/tmp/t", "tmpfs", null, null));
        List<OciSpec> specs = new ArrayList<>();
        specs.add(SpecFactory.build(Path.of("/rootfs"), RunSpec.of(List.of("/bin/sh", "-c", "true")), ProcessUser.ROOT,
                HOST_FILES, List.of(), NETNS, "jbuild-0123"));
        specs.add(SpecFactory.build(Path.of("/rootfs"), RunSpec.of(List.of("a", "b\"\u00e9")).withCwd("/w")
                .withEnv(List.of("A=1", "B=\u00e9")).withNetwork(NetworkMode.NONE).withHostname("box"), user,
                HOST_FILES, stepMounts, null, "jbuild-0123"));
        StepResources limited = StepResources.defaults().withMemoryBytes(64L << 20).withShmSizeBytes(128L << 20)
                .withUlimits(List.of(Ulimit.parse("nofile=1024:2048"))).withCgroupParent("/build/parent");
        specs.add(SpecFactory.build(Path.of("/rootfs"), RunSpec.of(List.of("true")).withResources(limited), user,
                HOST_FILES, List.of(), NETNS, "jbuild-0123"));
        specs.add(new OciSpec(OciSpec.VERSION, null, new OciSpec.Root("/r", true), null, null,
                new OciSpec.Linux(null, null, null, null, null, SeccompProfile.dockerEquivalent("amd64", "4.4.0"))));

        for (OciSpec oci : specs) {
            assertEquals(JSON.valueToTree(oci).toString(), written(oci).toString());
        }
    }

    @Test
    void processRunsAsTheResolvedUserWithoutTerminalOrNoNewPrivileges() {
        JsonNode config = config(RunSpec.of(List.of("/bin/sh", "-c", "true")).withCwd("/work"),
                new ProcessUser(1000, 1000, List.of(10, 50), "/home/u"));

        assertEquals("1.0.2", config.path("ociVersion").asText());
        JsonNode process = config.path("process");
        assertFalse(process.path("terminal").asBoolean(true));
        assertFalse(process.path("noNewPrivileges").asBoolean(true));
        assertEquals("{\"uid\":1000,\"gid\":1000,\"additionalGids\":[10,50]}", process.path("user").toString());
        assertEquals("/work", process.path("cwd").asText());
        assertEquals("[]", process.path("capabilities").path("inheritable").toString());
        assertEquals(DockerDefaults.CAPABILITIES, texts(process.path("capabilities").path("effective")));
        assertEquals(List.of("PATH=" + DockerDefaults.PATH, "HOME=/home/u"), texts(process.path("env")));
    }

    /** Default: the namespace the provider connected, joined by path; none: a new empty one; host: the host's. */
    @Test
    void everyNetworkModeButHostGetsANamespaceOfItsOwn() {
        JsonNode connected = config(RunSpec.of(List.of("true")), ProcessUser.ROOT);
        JsonNode none = config(RunSpec.of(List.of("true")).withNetwork(NetworkMode.NONE), ProcessUser.ROOT);
        JsonNode host = config(RunSpec.of(List.of("true")).withNetwork(NetworkMode.HOST), ProcessUser.ROOT);

        assertEquals("{\"uid\":0,\"gid\":0}", connected.path("process").path("user").toString());
        assertEquals("{\"type\":\"network\",\"path\":\"/run/x/netns\"}",
                connected.path("linux").path("namespaces").get(4).toString());
        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), types(connected.path("linux").path("namespaces")));
        assertEquals("{\"type\":\"network\"}", none.path("linux").path("namespaces").get(4).toString());
        assertEquals(List.of("pid", "ipc", "uts", "mount"), types(host.path("linux").path("namespaces")));
    }

    /** A fork bomb stops at the pids limit; memory is limited only when asked; /dev/shm is Docker's 64 MiB. */
    @Test
    void aStepGetsAPidsLimitAndNothingElseUnlessTheBuildAsks() {
        JsonNode config = config(RunSpec.of(List.of("true")), ProcessUser.ROOT);

        assertEquals("{\"pids\":{\"limit\":2048}}", config.path("linux").path("resources").toString());
        assertTrue(config.path("linux").path("cgroupsPath").isMissingNode());
        assertTrue(config.path("process").path("rlimits").isMissingNode());
        assertTrue(config.path("mounts").toString().contains("\"destination\":\"/dev/shm\",\"type\":\"tmpfs\","
                + "\"source\":\"shm\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"mode=1777\",\"size=67108864\"]"));
    }

    @Test
    void theBuildsLimitsUlimitsShmSizeAndCgroupParentReachTheSpec() {
        StepResources resources = StepResources.defaults().withPidsLimit(100).withMemoryBytes(64L << 20)
                .withShmSizeBytes(1L << 30).withCgroupParent("/ci/builds/")
                .withUlimits(List.of(Ulimit.parse("nofile=1024:2048"), Ulimit.parse("core=-1")));

        JsonNode config = config(RunSpec.of(List.of("true")).withResources(resources), ProcessUser.ROOT);

        assertEquals("{\"pids\":{\"limit\":100},\"memory\":{\"limit\":67108864}}",
                config.path("linux").path("resources").toString());
        assertEquals("/ci/builds/jbuild-0123", config.path("linux").path("cgroupsPath").asText());
        // RLIM_INFINITY is the largest uint64, as runc reads it; -1 would not parse.
        assertEquals("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":2048,\"soft\":1024},"
                + "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":18446744073709551615}]",
                config.path("process").path("rlimits").toString());
        assertTrue(config.path("mounts").toString().contains("\"size=1073741824\""));

        JsonNode unlimited = config(RunSpec.of(List.of("true")).withResources(StepResources.defaults().withPidsLimit(-1)),
                ProcessUser.ROOT);
        assertTrue(unlimited.path("linux").path("resources").isMissingNode());
    }

    @Test
    void hostFilesAreReadOnlyBindsAfterDockersStandardMounts() {
        JsonNode mounts = config(RunSpec.of(List.of("true")), ProcessUser.ROOT).path("mounts");

        List<String> destinations = new ArrayList<>();
        mounts.forEach(mount -> destinations.add(mount.path("destination").asText()));
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/etc/resolv.conf", "/etc/hosts", "/etc/hostname"), destinations);
        assertEquals("{\"destination\":\"/etc/hosts\",\"type\":\"bind\",\"source\":\"/run/x/hosts\",\"options\":[\"rbind\",\"ro\"]}",
                mounts.get(8).toString());
    }

    @Test
    void seccompDeniesWhatDockersDefaultProfileDenies() {
        JsonNode seccomp = config(RunSpec.of(List.of("true")), ProcessUser.ROOT).path("linux").path("seccomp");

        assertEquals("SCMP_ACT_ALLOW", seccomp.path("defaultAction").asText());
        JsonNode denied = seccomp.path("syscalls").get(0);
        assertEquals("SCMP_ACT_ERRNO", denied.path("action").asText());
        assertEquals(1, denied.path("errnoRet").asInt());
        List<String> names = texts(denied.path("names"));
        for (String call : List.of("mount", "umount2", "unshare", "setns", "pivot_root", "keyctl", "add_key",
                "kexec_load", "init_module", "finit_module", "bpf", "perf_event_open", "reboot", "swapon",
                "open_by_handle_at", "userfaultfd", "clock_settime", "sethostname", "kcmp")) {
            assertTrue(names.contains(call), call);
        }
        // Allowed by Docker: on kernels from 4.8 on, or checked by the kernel itself.
        for (String call : List.of("ptrace", "process_vm_readv", "name_to_handle_at", "clock_adjtime", "chroot")) {
            assertFalse(names.contains(call), call);
        }
        assertTrue(seccomp.toString().contains("{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}"));
        assertTrue(seccomp.toString().contains("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1,"
                + "\"args\":[{\"index\":0,\"value\":268435456,\"valueTwo\":268435456,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}"));
    }

    @Test
    void ptraceIsDeniedOnKernelsOlderThanFourEight() {
        OciSpec.Seccomp old = SeccompProfile.dockerEquivalent("amd64", "4.4.0-210-generic");

        assertTrue(old.syscalls().get(0).names().contains("ptrace"));
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), old.architectures());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> types(JsonNode namespaces) {
        List<String> types = new ArrayList<>();
        namespaces.forEach(node -> types.add(node.path("type").asText()));
        return types;
    }
}
