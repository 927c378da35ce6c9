package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox options of {@code jbuild build}, observed from inside a real RUN step: the default pids
 * limit and --pids-limit, --memory, --shm-size, --ulimit, --add-host and --cgroup-parent, with Docker's meaning.
 */
class SandboxOptionsTest {
    /** A parent cgroup of this test's own, removed afterwards (runc removes only the step's cgroup under it). */
    private static final String CGROUP_PARENT = "jbuild-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PROBE = "echo pids=$(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max);"
            + " echo memory=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max);"
            + " echo shm=$(df -k /dev/shm | tail -1 | awk '{print $2}');"
            + " echo nofile=$(ulimit -n):$(ulimit -Hn);"
            + " echo cgroup=$(grep pids /proc/self/cgroup | cut -d: -f3);"
            + " grep -E 'internal|v6$' /etc/hosts | tr '\\t' ' ' | sed 's/^/hosts=/'";

    @TempDir
    static Path root;
    @TempDir
    Path scratch;

    private static InProcessCli.Result run(String... args) {
        return InProcessJbuild.run(root.resolve("store"), args);
    }

    @BeforeAll
    static void importBusybox() throws IOException, InterruptedException {
        InProcessJbuild.importBusybox(root.resolve("store"), root);
    }

    @AfterAll
    static void removeTheParentCgroup() throws IOException {
        try (Stream<Path> dirs = Files.find(Path.of("/sys/fs/cgroup"), 3,
                (path, attributes) -> attributes.isDirectory() && path.getFileName().toString().equals(CGROUP_PARENT))) {
            for (Path dir : dirs.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(dir); // rmdir of an empty cgroup
            }
        }
    }

    private Path context(String dockerfile) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("ctx"));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        return dir;
    }

    private static String value(InProcessCli.Result result, String name) {
        return result.err().lines().filter(line -> line.matches("#\\d+ \\d+\\.\\d+ " + name + "=.*"))
                .map(line -> line.substring(line.indexOf(name + "=") + name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not printed: " + result.err()));
    }

    @Test
    void aStepGetsThePidsLimitDockersShmSizeAndNoMemoryLimitByDefault() throws IOException {
        InProcessCli.Result result = run("build", "--progress", "plain", "--no-cache", context("FROM busybox\nRUN " + PROBE + "\n").toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("2048", value(result, "pids"));
        assertTrue(Long.parseLong(value(result, "memory").replace("max", "9223372036854771712")) > (1L << 40),
                value(result, "memory"));
        assertEquals("65536", value(result, "shm"));
    }

    @Test
    void theBuildsOptionsReachEveryRunStep() throws IOException {
        InProcessCli.Result result = run("build", "--progress", "plain", "--no-cache", "--pids-limit", "100", "--memory", "64m",
                "--shm-size", "128m", "--ulimit", "nofile=1024:2048", "--cgroup-parent", CGROUP_PARENT,
                "--add-host", "db.internal:10.1.2.3", "--add-host", "v6:2001:db8::1",
                context("FROM busybox\nRUN " + PROBE + "\n").toString());

        assertEquals(0, result.exit(), result.err());
        assertEquals("100", value(result, "pids"));
        assertEquals(Long.toString(64L << 20), value(result, "memory"));
        assertEquals("131072", value(result, "shm"));
        assertEquals("1024:2048", value(result, "nofile"));
        assertTrue(value(result, "cgroup").startsWith("/" + CGROUP_PARENT + "/jbuild-"), value(result, "cgroup"));
        assertTrue(result.err().contains("hosts=10.1.2.3 db.internal"), result.err());
        assertTrue(result.err().contains("hosts=2001:db8::1 v6"), result.err());
    }

    /**
     * A subshell forks sleeps until it cannot (and then dies: busybox sh gives up on a failed fork), writing how
     * many it started; the step's first process kills them all and reports the count with builtins only (a fork
     * could still fail while the killed ones wait to be reaped).
     */
    @Test
    void aForkBombStopsAtThePidsLimit() throws IOException {
        InProcessCli.Result result = run("build", "--progress", "plain", "--no-cache", "--pids-limit", "40", context(
                "FROM busybox\nRUN (n=0; while [ $n -lt 1000 ]; do sleep 30 & n=$((n+1)); echo $n > /tmp/forked; done)"
                        + " 2>/dev/null; kill -9 -1; read n < /tmp/forked; echo forked=$n\n").toString());

        assertEquals(0, result.exit(), result.err());
        int forked = Integer.parseInt(value(result, "forked"));
        assertTrue(forked < 40 && forked > 30, "sleeps started under a limit of 40: " + forked);
    }

    @Test
    void aStepOnTheHostsNetworkSaysSoInTheBuildOutput() throws IOException {
        InProcessCli.Result host = run("build", "--progress", "plain", "--no-cache", "--network", "host",
                context("FROM busybox\nRUN true\n").toString());
        InProcessCli.Result isolated = run("build", "--progress", "plain", "--no-cache", context("FROM busybox\nRUN true\n").toString());

        assertEquals(0, host.exit(), host.err());
        assertTrue(host.err().contains("# WARNING: [2/2] RUN true: runs in the host's network namespace (--network=host)"),
                host.err());
        assertFalse(isolated.err().contains("host's network namespace"), isolated.err());
    }

    @Test
    void aBadOptionIsOneLine() throws IOException {
        Path dir = context("FROM busybox\nRUN true\n");
        assertEquals("jbuild: invalid ulimit type: files\n", run("build", "--ulimit", "files=1", dir.toString()).err());
        assertEquals("jbuild: invalid IP address in --add-host: \"example.org\"\n",
                run("build", "--add-host", "db:example.org", dir.toString()).err());
        assertEquals("jbuild: invalid --shm-size \"lots\": invalid size: 'lots'\n",
                run("build", "--shm-size", "lots", dir.toString()).err());
    }
}
