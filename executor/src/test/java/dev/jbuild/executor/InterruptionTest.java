package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step interrupted in the middle (thread interrupt, SIGTERM, SIGINT, SIGKILL of the JVM) must
 * leave no container, no process, no mount and no run directory behind, at once or, after a
 * SIGKILL, once the Janitor has run.
 */
class InterruptionTest {
    @TempDir
    static Path shared;
    private static Path busybox;

    @BeforeAll
    static void setUp() throws IOException {
        busybox = TestTrees.busyboxRootfs(shared.resolve("busybox"));
    }

    @Test
    void interruptingTheCallingThreadKillsTheStepAndCleansUp() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(shared.resolve("interrupt"));
        Sandbox sandbox = new Sandbox(RuntimeProbe.select(Optional.empty(), layout).runtime(), layout);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Workspace workspace = new OverlayDriver(layout.overlay()).prepare(List.of(busybox))) {
            Thread runner = new Thread(() -> {
                try {
                    sandbox.run(workspace.rootfs(), SandboxTestSupport.shell("echo started; exec sleep 600"),
                            (stream, line) -> started.countDown());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            runner.start();
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertEquals(1, runtimeContainers(layout).size());
            runner.interrupt();
            runner.join(30_000);

            assertFalse(runner.isAlive());
            assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
            assertEquals(List.of(), runtimeContainers(layout));
            assertEquals(List.of(), names(layout.runs()));
            assertEquals(List.of(), processesMentioning(layout.root()));
            assertEquals(List.of(), workspace.changes());
        }
        assertEquals(List.of(), MountTable.under(layout.root()));
    }

    @Test
    void sigtermOfTheJvmRunsTheCleanupHook() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(shared.resolve("sigterm"));
        Process child = startChild(layout);
        assertTrue(!MountTable.under(layout.root()).isEmpty());

        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));

        assertNothingLeft(layout);
    }

    @Test
    void sigintOfTheJvmRunsTheCleanupHook() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(shared.resolve("sigint"));
        Process child = startChild(layout);

        Commands.check(List.of("kill", "-INT", Long.toString(child.pid())));
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));

        assertNothingLeft(layout);
    }

    @Test
    void afterSigkillOfTheJvmTheJanitorRemovesContainerMountsAndDirectories() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(shared.resolve("sigkill"));
        Process child = startChild(layout);

        child.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, runtimeContainers(layout).size());
        assertFalse(MountTable.under(layout.root()).isEmpty());
        assertEquals(1, names(layout.runs()).size());

        Janitor.Report report = Janitor.cleanStale(layout);

        assertEquals(List.of(), report.failures());
        assertEquals(1, report.containers());
        assertEquals(2, report.directories()); // the run directory and the workspace
        assertTrue(report.mounts() >= 3, report.toString()); // workspace overlay, secrets tmpfs, rw bind overlay
        assertNothingLeft(layout);
    }

    @Test
    void janitorLeavesLiveOwnersAlone() throws Exception {
        ExecutorLayout layout = new ExecutorLayout(shared.resolve("live"));
        try (Workspace workspace = new OverlayDriver(layout.overlay()).prepare(List.of(busybox))) {
            Janitor.Report report = Janitor.cleanStale(layout);

            assertEquals(0, report.directories());
            assertTrue(MountTable.isMountPoint(workspace.rootfs()));
        }
    }

    private static void assertNothingLeft(ExecutorLayout layout) throws Exception {
        assertEquals(List.of(), runtimeContainers(layout));
        assertEquals(List.of(), MountTable.under(layout.root()));
        assertEquals(List.of(), names(layout.runs()));
        assertEquals(List.of(), names(layout.overlay()));
        // Give the orphaned "runc run" a moment to notice its container is gone.
        for (int i = 0; i < 50 && !processesMentioning(layout.root()).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), processesMentioning(layout.root()));
    }

    private Process startChild(ExecutorLayout layout) throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
                StepInChildJvm.class.getName(), layout.root().toString(), busybox.toString())
                .redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            seen.add(line);
            if (line.equals("started")) {
                // Keep draining so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        reader.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // child gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return child;
            }
        }
        throw new AssertionError("child JVM ended before the step started: " + seen);
    }

    /** Container ids the runtime knows under this layout. */
    private static List<String> runtimeContainers(ExecutorLayout layout) throws IOException {
        return names(layout.runtimeState());
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    /** Live processes whose command line mentions {@code root} (runc run --bundle ROOT/runs/..., the step). */
    static List<String> processesMentioning(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8).replace('\0', ' ');
                    if (commandLine.contains(root.toString()) && !commandLine.contains(StepInChildJvm.class.getName())) {
                        found.add(process.getFileName() + ": " + commandLine.trim());
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }
}
