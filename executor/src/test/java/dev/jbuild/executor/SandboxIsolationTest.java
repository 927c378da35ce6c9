package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.platform.NetworkMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes that fail if a step can see or change more of the host than a docker build step can. */
class SandboxIsolationTest {
    @TempDir
    static Path shared;
    private static SandboxTestSupport support;
    private Workspace workspace;

    @BeforeAll
    static void setUp() throws IOException {
        support = new SandboxTestSupport(shared);
    }

    @BeforeEach
    void prepare() throws IOException {
        workspace = new OverlayDriver(support.layout.overlay()).prepare(List.of(support.busybox));
    }

    @AfterEach
    void closeAndCheckNoMountsRemain() throws IOException {
        workspace.close();
        assertEquals(List.of(), MountTable.under(shared));
    }

    private SandboxTestSupport.Output run(String script) throws Exception {
        return support.run(workspace.rootfs(), SandboxTestSupport.shell(script));
    }

    @Test
    void stepCannotReadAMarkerFileOfTheHost() throws Exception {
        String secret = UUID.randomUUID().toString();
        Path marker = shared.resolve("host-marker.txt");
        Files.writeString(marker, secret, StandardCharsets.UTF_8);

        SandboxTestSupport.Output output = run("cat " + marker + "; cat /proc/1/root" + marker
                + "; grep -r " + secret + " /tmp /root /home 2>/dev/null; echo done");

        assertTrue(output.err().contains("No such file or directory"), output.err());
        assertFalse(output.out().contains(secret), output.out());
        assertFalse(output.err().contains(secret), output.err());
        assertEquals("done", output.out());
    }

    @Test
    void stepSeesOnlyItsOwnProcesses() throws Exception {
        SandboxTestSupport.Output output = run("ls /proc | grep -E '^[0-9]+$' | tr '\\n' ' '; echo; ps -o pid,comm");

        String pids = output.stdout().get(0).trim();
        assertTrue(pids.startsWith("1 "), pids);
        assertTrue(pids.split(" ").length <= 4, pids);
        assertFalse(output.out().contains("java"), output.out());
    }

    @Test
    void stepCannotMountOrUnshare() throws Exception {
        SandboxTestSupport.Output output = run("mkdir -p /mnt/x; mount -t tmpfs tmpfs /mnt/x; echo mount=$?;"
                + " unshare -m true; echo unshare=$?");

        assertTrue(output.out().contains("mount=255") || output.out().contains("mount=1"), output.out());
        assertTrue(output.out().contains("unshare=1"), output.out());
        assertTrue(output.err().contains("Operation not permitted"), output.err());
    }

    @Test
    void stepCannotLoadKernelModules() throws Exception {
        SandboxTestSupport.Output output = run("echo junk > /tmp/x.ko; insmod /tmp/x.ko; echo status=$?");

        assertEquals("status=1", output.out());
        assertTrue(output.err().contains("Operation not permitted"), output.err());
    }

    @Test
    void stepCannotWriteProcSys() throws Exception {
        SandboxTestSupport.Output output = run("echo 10 > /proc/sys/vm/swappiness; echo status=$?");

        assertEquals("status=1", output.out());
        assertTrue(output.err().contains("Read-only file system"), output.err());
    }

    @Test
    void stepHasItsOwnHostnameAndCannotChangeTheHosts() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();

        SandboxTestSupport.Output output = run("hostname; cat /etc/hostname; hostname changed-by-step; echo status=$?");

        assertEquals(List.of("buildkitsandbox", "buildkitsandbox", "status=1"), output.stdout());
        assertEquals(hostBefore, Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
        assertNotEquals("buildkitsandbox", hostBefore);
    }

    @Test
    void stepWithoutNetworkSeesOnlyLoopback() throws Exception {
        SandboxTestSupport.Output output = support.run(workspace.rootfs(),
                SandboxTestSupport.shell("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '").withNetwork(NetworkMode.NONE));

        assertEquals(List.of("lo"), output.stdout());
    }

    @Test
    void stepRunsUnderSeccompWithDockersDefaultCapabilities() throws Exception {
        SandboxTestSupport.Output output = run("grep -E '^(Seccomp|CapEff|CapBnd|CapInh|NoNewPrivs):' /proc/self/status");

        assertTrue(output.stdout().contains("Seccomp:\t2"), output.out());
        assertTrue(output.stdout().contains("CapEff:\t00000000a80425fb"), output.out());
        assertTrue(output.stdout().contains("CapBnd:\t00000000a80425fb"), output.out());
        assertTrue(output.stdout().contains("CapInh:\t0000000000000000"), output.out());
        assertTrue(output.stdout().contains("NoNewPrivs:\t0"), output.out());
    }

    @Test
    void dockersMaskedAndReadOnlyPathsApply() throws Exception {
        // The host has these (this kernel has no /proc/kcore): without masking they would not be empty.
        assertTrue(Files.size(Path.of("/proc/timer_list")) > 0 || Files.readAllBytes(Path.of("/proc/timer_list")).length > 0);
        SandboxTestSupport.Output output = run("echo timer_list=$(wc -c < /proc/timer_list); echo keys=$(cat /proc/keys | wc -l);"
                + " echo firmware=$(ls /sys/firmware | wc -l); touch /sys/x; echo sys=$?;"
                + " echo 1 > /proc/sysrq-trigger; echo sysrq=$?");

        assertEquals(List.of("timer_list=0", "keys=0", "firmware=0", "sys=1", "sysrq=1"), output.stdout());
        assertTrue(output.err().contains("touch: /sys/x: Read-only file system"), output.err());
    }

    @Test
    void stepGetsDeviceNodesAndNoHostDevices() throws Exception {
        SandboxTestSupport.Output output = run("ls /dev | tr '\\n' ' '; echo; head -c 4 /dev/zero | wc -c; ls /dev/vda 2>&1");

        String devices = output.stdout().get(0);
        for (String device : List.of("null", "zero", "full", "random", "urandom", "tty", "ptmx", "pts", "shm", "mqueue")) {
            assertTrue((" " + devices).contains(" " + device + " "), devices);
        }
        assertEquals("4", output.stdout().get(1).trim());
        assertTrue(output.stdout().get(2).contains("No such file"), output.out());
    }
}
