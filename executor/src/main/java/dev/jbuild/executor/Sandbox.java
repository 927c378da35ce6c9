package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs one step's process in a container on a prepared root file system, with the isolation
 * Docker gives a build step (see {@link SpecFactory}, {@link DockerDefaults},
 * {@link SeccompProfile}), streaming its output and returning its exit code.
 *
 * <p>Per step: a run directory {@code <layout>/runs/<id>/} holds the OCI bundle
 * ({@code config.json}), the runtime's log, the step's hosts/resolv.conf/hostname files and its
 * host-side mounts; the runtime runs it in the foreground ({@code runc run}). Whatever happens (exit,
 * failure, interrupt of the calling thread, Ctrl-C or SIGTERM of the JVM) the container is deleted,
 * the mount-point stubs the runtime created in the root file system are removed, our mounts are
 * unmounted and the run directory is deleted before {@link #run} returns or the JVM exits.
 */
public final class Sandbox {
    private final OciRuntime runtime;
    private final ExecutorLayout layout;
    private final String requestedNetwork;

    /** A sandbox whose default-network steps get the network provider a probe finds working. */
    public Sandbox(OciRuntime runtime, ExecutorLayout layout) {
        this(runtime, layout, null);
    }

    /**
     * @param requestedNetwork the {@link NetworkProviders} name to connect default-network steps with, or null
     *     to probe
     */
    public Sandbox(OciRuntime runtime, ExecutorLayout layout, String requestedNetwork) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.requestedNetwork = requestedNetwork;
    }

    /** What connects the steps that run with {@link NetworkMode#DEFAULT}, chosen on first use. */
    public NetworkProviders.Selection network() throws ExecutorException {
        return NetworkProviders.select(requestedNetwork, layout);
    }

    public OciRuntime runtime() {
        return runtime;
    }

    /**
     * Runs the step and waits for it.
     *
     * @throws ContainerStartException the runtime could not start the process (e.g. no such executable)
     * @throws UnknownUserException the user or group is not in the root file system
     * @throws InterruptedException the calling thread was interrupted; the container was killed and
     *     everything cleaned up
     */
    public RunResult run(Path rootfs, RunSpec spec, OutputListener output) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path root = rootfs.toAbsolutePath().normalize();
        Files.createDirectories(layout.runtimeState());
        Path runDir = Trees.createLeased(layout.runs(), "");
        String containerId = "jbuild-" + runDir.getFileName();
        Cleanups cleanups = new Cleanups();
        cleanups.add(() -> Trees.removeLeased(runDir));
        ShutdownCleanup.Action onShutdown = cleanups::close;
        ShutdownCleanup.registerStep(onShutdown);
        try {
            NetworkAttachment network = null;
            if (spec.network() == NetworkMode.DEFAULT) {
                network = NetworkAttachment.start(() -> network().provider().attach(runDir));
                cleanups.add(network::close);
            }
            ProcessUser user = new UserResolver(root).resolve(spec.user());
            createWorkingDirectory(root, spec.cwd());
            HostFiles.Paths hostFiles = HostFiles.write(runDir, spec.hostname(), spec.extraHosts(), spec.network());
            List<OciSpec.Mount> stepMounts = new StepMounts(runDir, layout.caches(), cleanups).prepare(spec.mounts());
            Path networkNamespace = network == null ? null : network.await().namespace();
            OciSpec config = SpecFactory.build(root, spec, user, hostFiles, stepMounts, networkNamespace, containerId);
            MountStubs stubs = MountStubs.record(root, SpecFactory.destinations(config));
            cleanups.add(stubs::remove);
            try (OutputStream out = Files.newOutputStream(runDir.resolve("config.json"))) {
                OciSpecWriter.write(config, out);
            }
            new RunState(containerId, runtime.executable().toString(), layout.runtimeState().toString()).write(runDir);
            cleanups.add(() -> deleteContainer(containerId));
            int exitCode = runInForeground(runDir, containerId, output, cleanups);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            String error = RuntimeLog.lastError(runDir.resolve("runtime.log"));
            if (error != null) {
                throw new ContainerStartException(error);
            }
            return new RunResult(exitCode, elapsed);
        } finally {
            // Unregister only once done: a shutdown hook that finds us registered waits on the
            // same lock until this cleanup has finished, instead of letting the JVM halt midway.
            try {
                cleanups.close();
            } finally {
                ShutdownCleanup.unregisterStep(onShutdown);
            }
        }
    }

    private int runInForeground(Path runDir, String containerId, OutputListener output, Cleanups cleanups)
            throws IOException, InterruptedException {
        List<String> command = runtime.command(layout.runtimeState(), "--log", runDir.resolve("runtime.log").toString(),
                "--log-format", "json", "run", "--bundle", runDir.toString(), containerId);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        // Registered after deleteContainer, so it runs first: stop the foreground runtime, then delete.
        cleanups.add(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
        Object listenerLock = new Object();
        OutputPump stdout = new OutputPump(process.getInputStream(), OutputListener.Stream.STDOUT, output, listenerLock);
        OutputPump stderr = new OutputPump(process.getErrorStream(), OutputListener.Stream.STDERR, output, listenerLock);
        stdout.start();
        stderr.start();
        int exitCode = process.waitFor();
        stdout.join();
        stderr.join();
        return exitCode;
    }

    /**
     * Deletes the container if the runtime still knows it: {@code runc run} deletes it itself when
     * the process exits, so this only costs a process start after an interrupt or crash.
     */
    private void deleteContainer(String containerId) throws IOException {
        if (!Files.exists(layout.runtimeState().resolve(containerId))) {
            return;
        }
        Commands.Result result = Commands.run(runtime.command(layout.runtimeState(), "delete", "--force", containerId));
        if (!result.succeeded() && Files.exists(layout.runtimeState().resolve(containerId))) {
            throw new ExecutorException("cannot delete container " + containerId + ": " + result.output().strip());
        }
    }

    /** The working directory is created (root-owned, 0755) when missing, and stays in the diff, as in BuildKit. */
    private static void createWorkingDirectory(Path rootfs, String cwd) throws IOException {
        Path dir = ScopedPath.resolve(rootfs, cwd);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }
}
