package dev.jbuild.executor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The step's namespace connected by slirp4netns, the user-mode TCP/IP stack rootless Podman and BuildKit use:
 * a tap device in the namespace ({@code 10.0.2.100/24}, gateway {@code 10.0.2.2}), NAT done by a process on
 * the host side, nothing created in the host's network (no interface, no address pool, no firewall rule).
 * {@code --disable-host-loopback} makes the host's loopback unreachable (slirp4netns otherwise forwards
 * {@code 10.0.2.2} to it); {@code --enable-sandbox} and {@code --enable-seccomp} confine the process, as Podman
 * runs it.
 *
 * <p>slirp4netns reads its standard input as the exit descriptor: it exits when that pipe closes, which
 * the kernel does when this JVM ends, {@code kill -9} included, so it never outlives its step's owner.
 * A step does not wait for that exit: leaving the mount namespace of its sandbox takes the kernel 20 ms or
 * more (an RCU grace period), three times what the whole attach costs. The process is reaped in the
 * background, and a JVM that ends waits for the ones still exiting ({@link #awaitExits}).
 */
final class Slirp4netnsNetwork implements NetworkProvider {
    static final String NAME = "slirp4netns";
    private static final long READY_TIMEOUT_SECONDS = 10;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jbuild-slirp4netns-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final Set<Process> EXITING = ConcurrentHashMap.newKeySet();
    private static final long EXIT_WAIT_MILLIS = 2_000;
    private static boolean exitHookInstalled;

    private final Path executable;

    Slirp4netnsNetwork(Path executable) {
        this.executable = executable;
    }

    @Override
    public String name() {
        return NAME;
    }

    Path executable() {
        return executable;
    }

    @Override
    public StepNetwork attach(Path runDir) throws IOException, InterruptedException {
        Path namespace = NetworkNamespaceFile.create(runDir.resolve("netns"));
        Path log = runDir.resolve("slirp4netns.log");
        Process process = null;
        try {
            process = new ProcessBuilder(List.of(executable.toString(), "--configure", "--mtu=65520",
                    "--disable-host-loopback", "--enable-sandbox", "--enable-seccomp", "--ready-fd=1", "--exit-fd=0",
                    "--netns-type=path", namespace.toString(), "tap0"))
                    .redirectError(log.toFile()).start();
            awaitReady(process, log);
            return new Attached(namespace, process);
        } catch (IOException | RuntimeException e) {
            stop(process);
            NetworkNamespaceFile.remove(namespace);
            throw e;
        }
    }

    /**
     * slirp4netns writes "1" to its ready descriptor (our pipe on its stdout) once the tap device is up and
     * configured; before that it may print warnings, each a line of its own.
     */
    private static void awaitReady(Process process, Path log) throws IOException {
        ScheduledFuture<?> timeout = WATCHDOG.schedule(process::destroyForcibly, READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            InputStream out = process.getInputStream();
            boolean lineStart = true;
            for (int b = out.read(); b != -1; b = out.read()) {
                if (b == '1' && lineStart) {
                    return;
                }
                lineStart = b == '\n';
            }
        } finally {
            timeout.cancel(false);
        }
        String why = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        throw new ExecutorException("slirp4netns could not connect the step's network namespace"
                + (why.isEmpty() ? "" : ": " + why.substring(why.lastIndexOf('\n') + 1)));
    }

    /** Ends the exit descriptor (slirp4netns then exits by itself) and lets the process go without waiting. */
    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        installExitHook();
        EXITING.add(process);
        process.onExit().thenRun(() -> EXITING.remove(process));
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }

    private static synchronized void installExitHook() {
        if (!exitHookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Slirp4netnsNetwork::awaitExits, "jbuild-slirp4netns-exits"));
            exitHookInstalled = true;
        }
    }

    /** Waits (briefly) for the slirp4netns processes still exiting, so that none outlives this JVM. */
    static void awaitExits() {
        long deadline = System.currentTimeMillis() + EXIT_WAIT_MILLIS;
        for (Process process : List.copyOf(EXITING)) {
            try {
                if (!process.waitFor(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Attached implements StepNetwork {
        private final Path namespace;
        private final Process process;
        private boolean closed;

        Attached(Path namespace, Process process) {
            this.namespace = namespace;
            this.process = process;
        }

        @Override
        public Path namespace() {
            return namespace;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            stop(process);
            NetworkNamespaceFile.remove(namespace);
        }
    }
}
