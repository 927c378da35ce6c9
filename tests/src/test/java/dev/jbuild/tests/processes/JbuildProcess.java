package dev.jbuild.tests.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code jbuild} process (the CLI's main class in its own JVM, the test class path standing in
 * for the jar), with its output in files, so that tests can run several at once and kill them with
 * SIGKILL as a user's {@code kill -9} would.
 */
final class JbuildProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private JbuildProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code jbuild --root ROOT ARGS...} in {@code dir}; its output goes to files under {@code logs}. */
    static JbuildProcess start(Path root, Path dir, Path logs, Map<String, String> env, String... args)
            throws IOException {
        return start(List.of(), root, dir, logs, env, args);
    }

    /** Like {@link #start}, run under {@code wrapper} (a tool that runs the command it is given, e.g. strace). */
    static JbuildProcess start(List<String> wrapper, Path root, Path dir, Path logs, Map<String, String> env,
                               String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.jbuild.cli.Main", "--root", root.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logs, "out-", ".log");
        Path err = Files.createTempFile(logs, "err-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        return new JbuildProcess(builder.start(), out, err);
    }

    /** Runs {@code jbuild --root ROOT ARGS...} to its end. */
    static Result run(Path root, Path dir, Path logs, String... args) throws IOException, InterruptedException {
        try (JbuildProcess process = start(root, dir, logs, Map.of(), args)) {
            return process.await(Duration.ofMinutes(5));
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderrSoFar() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs, as with {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    Result await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IOException("jbuild did not finish within " + timeout + ": " + stderrSoFar());
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    record Result(int exitCode, String out, String err) {
    }
}
