package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the storage driver and the OCI runtime by real probes. */
class SelectionTest {
    @TempDir
    Path temp;

    @Test
    void overlayIsDetectedByAProbeMountHere() throws Exception {
        StorageDrivers.Selection selection = StorageDrivers.select(null, new ExecutorLayout(temp));

        assertInstanceOf(OverlayDriver.class, selection.driver());
        assertTrue(selection.reason().startsWith("detected: overlay mount probe succeeded"), selection.reason());
        assertEquals(java.util.List.of(), MountTable.under(temp));
    }

    @Test
    void aWorkingOverlayIsRememberedForTheBootAndAStaleVerdictIsProbedAgain() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(temp);
        assertTrue(StorageDrivers.select(null, layout).reason().startsWith("detected: overlay mount probe succeeded"));

        StorageDrivers.Selection second = StorageDrivers.select(null, layout);
        assertInstanceOf(OverlayDriver.class, second.driver());
        assertTrue(second.reason().endsWith("; kept from an earlier probe since boot"), second.reason());

        Path verdict = layout.verdicts().resolve("overlay");
        Files.writeString(verdict, Files.readString(verdict).replaceFirst("^[0-9a-f]{8}", "00000000"));
        StorageDrivers.Selection third = StorageDrivers.select(null, layout);
        assertTrue(third.reason().startsWith("detected: overlay mount probe succeeded"), third.reason());
        assertFalse(third.reason().contains("kept"), third.reason());
    }

    @Test
    void aWorkingRuntimeIsRememberedWithItsVersion() throws Exception {
        Path runc = RuntimeProbe.find("runc").orElseThrow();
        ExecutorLayout layout = new ExecutorLayout(temp.resolve("remembered"));
        RuntimeProbe.Selection selection = RuntimeProbe.select(Optional.of(runc), layout);
        List<String> verdict = Files.readAllLines(layout.verdicts().resolve("runtime"));
        assertEquals(List.of(runc.toString(), selection.runtime().version(), selection.reason()),
                verdict.subList(1, verdict.size()));
        assertTrue(selection.runtime().version().startsWith("runc version"), selection.runtime().version());
    }

    @Test
    void requestedDriverComesFromTheFlagElseTheEnvironment() {
        Map<String, String> environment = Map.of(StorageDrivers.ENVIRONMENT_VARIABLE, "vfs");

        assertEquals("overlay", StorageDrivers.requested("overlay", environment));
        assertEquals("vfs", StorageDrivers.requested(null, environment));
        assertEquals(null, StorageDrivers.requested(null, Map.of()));
    }

    @Test
    void vfsCanBeRequestedAndUnknownNamesAreRefused() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(temp);

        assertInstanceOf(VfsDriver.class, StorageDrivers.select("vfs", layout).driver());
        StorageException unknown = assertThrows(StorageException.class, () -> StorageDrivers.select("aufs", layout));
        assertEquals("unknown storage driver 'aufs' (expected overlay or vfs)", unknown.getMessage());
    }

    @Test
    void overlayProbeFailsWhereTheUpperFileSystemCannotHoldWhiteouts() throws Exception {
        // overlayfs cannot use another overlay's merged directory as its upper: the probe says so.
        Path lower = java.nio.file.Files.createDirectories(temp.resolve("lower"));
        try (Workspace workspace = new OverlayDriver(temp.resolve("outer")).prepare(java.util.List.of(lower))) {
            OverlayProbe.Result result = OverlayProbe.probe(workspace.rootfs().resolve("probe"));

            assertEquals(false, result.usable(), result.reason());
            assertTrue(result.reason().startsWith("overlay mount failed: mount -t overlay"), result.reason());
        }
    }

    @Test
    void runtimeProbePicksAWorkingRuntime() throws Exception {
        RuntimeProbe.Selection selection = RuntimeProbe.select(Optional.empty(), new ExecutorLayout(temp));

        assertEquals("runc", selection.runtime().name());
        assertTrue(selection.runtime().version().startsWith("runc version"), selection.runtime().version());
        assertTrue(selection.reason().startsWith("probe container ran"), selection.reason());
    }

    @Test
    void runtimeThatCannotRunAContainerIsRefusedWithTheInstallHint() {
        RuntimeUnavailableException failure = assertThrows(RuntimeUnavailableException.class,
                () -> RuntimeProbe.select(Optional.of(Path.of("/bin/false")), new ExecutorLayout(temp)));

        assertTrue(failure.getMessage().startsWith("no working OCI runtime: /bin/false: "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("; install one: apt-get install -y runc"), failure.getMessage());
        assertEquals(-1, failure.getMessage().indexOf('\n'));
    }

    @Test
    void theNetworkProviderAskedForIsProbedAloneAndAnUnknownOneIsOneLine() throws ExecutorException {
        NetworkTools.assumeProvider(CniBridgeNetwork.NAME);
        NetworkProviders.Selection cni = NetworkProviders.select(CniBridgeNetwork.NAME, new ExecutorLayout(temp));
        assertEquals(CniBridgeNetwork.NAME, cni.name());
        assertTrue(cni.reason().startsWith("requested; probe namespace connected"), cni.reason());

        ExecutorException unknown = assertThrows(ExecutorException.class,
                () -> NetworkProviders.select("pasta", new ExecutorLayout(temp)));
        assertEquals("unknown network provider 'pasta' (JBUILD_NETWORK_PROVIDER takes slirp4netns or cni-bridge)",
                unknown.getMessage());
    }

    @Test
    void infoReportsTheChosenDriverAndRuntimeAndWhyFeaturesAreOff() {
        ExecutorInfo info = ExecutorInfo.gather(new ExecutorLayout(temp), "vfs", Optional.empty(), null);

        assertEquals("vfs", info.storageDriver());
        assertEquals("requested", info.storageReason());
        assertEquals("runc", info.runtime().name());
        assertEquals(Slirp4netnsNetwork.NAME, info.network(), info.networkReason());
        assertTrue(info.features().contains(new ExecutorInfo.Feature("network namespace per step", true,
                "default network: a namespace of its own connected by slirp4netns (NAT out, the host's loopback out"
                        + " of reach); --network=host shares the host's")), info.features().toString());
        ExecutorInfo.Feature overlay = info.features().get(0);
        assertEquals("overlayfs", overlay.name());
        assertTrue(overlay.on(), overlay.detail());
        ExecutorInfo.Feature limits = info.features().get(info.features().size() - 1);
        assertEquals(new ExecutorInfo.Feature("resource limits", true, "pids limit 2048 per step (--pids-limit); memory"
                + " only with --memory; /dev/shm 64 MiB (--shm-size); --ulimit, --cgroup-parent"), limits);
    }
}
