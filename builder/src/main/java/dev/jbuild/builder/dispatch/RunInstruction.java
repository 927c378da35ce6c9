package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildCancelledException;
import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepFailedException;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.executor.HostEntry;
import dev.jbuild.executor.MountSpec;
import dev.jbuild.platform.NetworkMode;
import dev.jbuild.executor.RunResult;
import dev.jbuild.executor.RunSpec;
import dev.jbuild.parser.instructions.Command;
import dev.jbuild.parser.instructions.Run;
import dev.jbuild.parser.syntax.Heredoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * RUN: the command (shell form through SHELL, exec form as is, heredocs as BuildKit runs them) in a
 * sandbox on the stage's filesystem, with the image's Env plus the stage's ARG values, as the image's
 * USER in its WORKDIR. Not expanded by the builder: the shell in the container expands it.
 */
final class RunInstruction {
    private static final Pattern HEREDOC_ONLY = Pattern.compile("<<-?([\"']?)([^\\s\"']+)\\1");
    private static final int KEPT_LINES = 20;

    private RunInstruction() {
    }

    static void apply(BuildSession session, StageState state, Run run, StepId step)
            throws IOException, InterruptedException {
        Expander expander = Expander.of(session, state, run.range());
        Path scriptDir = null;
        try (RunMounts mounts = RunMounts.resolve(session, state, run.mounts(), step, expander)) {
            List<String> argv;
            List<MountSpec> allMounts = new ArrayList<>(mounts.mounts);
            SingleHeredoc script = singleHeredoc(run.command());
            if (script != null && script.body().startsWith("#!")) {
                scriptDir = Files.createTempDirectory("jbuild-heredoc");
                Path file = scriptDir.resolve(script.name());
                Files.writeString(file, script.body(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                String target = "/dev/pipes/" + script.name();
                allMounts.add(new MountSpec.Bind(file, target, false));
                argv = List.of(target);
            } else if (script != null) {
                argv = withShell(state, script.body());
            } else {
                argv = argv(state, run.command());
            }
            Map<String, String> args = declaredArgs(state);
            List<String> env = new ArrayList<>(state.run().env());
            args.forEach((name, value) -> {
                if (state.run().envValue(name) == null) {
                    env.add(name + "=" + value);
                }
            });
            session.request().buildArgs().forEach((name, value) -> {
                if (ArgInstruction.PROXY_ARGS.contains(name) && !args.containsKey(name)) {
                    env.add(name + "=" + value);
                }
            });
            NetworkMode network = network(session, run);
            String createdBy = "RUN " + argsPrefix(args) + String.join(" ", argv) + " # buildkit";

            List<String> extras = new ArrayList<>();
            extras.add("env=" + String.join("\u0000", env));
            extras.add("cwd=" + state.workdir());
            extras.add("user=" + state.run().user());
            extras.add("network=" + network);
            extras.add("security=" + (run.security() == null ? "sandbox" : run.security().keyword()));
            extras.add("epoch=" + session.request().sourceDateEpoch());
            // As BuildKit's exec op: extra hosts, ulimits, the shm size and the cgroup parent are part of the key.
            List<String> hosts = session.request().extraHosts().stream().map(HostEntry::hostsLine).toList();
            if (!hosts.isEmpty()) {
                extras.add("hosts=" + String.join(",", hosts));
            }
            extras.addAll(session.request().resources().cacheKeyParts());
            extras.addAll(mounts.keyParts);
            if (script != null) {
                extras.add("script=" + script.body());
            }
            TreeMap<String, String> used = new TreeMap<>(args);
            CacheKey key = new CacheKey(state.stateKey(), "RUN " + String.join("\u0000", argv), used, null, extras);

            List<String> runEnv = new ArrayList<>(env);
            runEnv.addAll(mounts.env);
            RunSpec spec = new RunSpec(argv, runEnv, state.workdir(), state.run().user(), network, allMounts,
                    null, hosts, session.request().resources());
            LayerStep.run(session, state, step, key, createdBy, (workspace, warn) -> execute(session, step, workspace.rootfs(),
                    spec));
        } finally {
            if (scriptDir != null) {
                deleteQuietly(scriptDir);
            }
        }
    }

    private static void execute(BuildSession session, StepId step, Path rootfs, RunSpec spec)
            throws IOException, InterruptedException {
        Deque<String> last = new ArrayDeque<>();
        long start = System.nanoTime();
        if (spec.network() == NetworkMode.HOST) {
            // Said every time: a step that reaches the host's loopback services should never go unnoticed.
            session.emit(new BuildEvent.Notice("WARNING: " + step.label() + ": runs in the host's network namespace"
                    + " (--network=host): it reaches the host's interfaces and loopback services"));
        }
        RunResult result;
        try {
            result = session.sandbox().run(rootfs, spec, (stream, line) -> {
                synchronized (last) {
                    if (last.size() == KEPT_LINES) {
                        last.removeFirst();
                    }
                    last.addLast(line);
                }
                session.emit(new BuildEvent.StepOutput(step, stream, line));
            });
        } catch (InterruptedException e) {
            throw new BuildCancelledException("build cancelled");
        } catch (ExecutorException e) {
            throw new BuildException(e.getMessage(), step, e);
        }
        if (Thread.currentThread().isInterrupted()) {
            // killed because another stage failed: that failure is the one to report
            throw new BuildCancelledException("build cancelled");
        }
        if (!result.succeeded()) {
            List<String> lines;
            synchronized (last) {
                lines = List.copyOf(last);
            }
            StepFailedException failure = new StepFailedException(step, spec.args(), result.exitCode(), lines);
            session.emit(new BuildEvent.StepFailed(step, failure.getMessage(), lines,
                    Duration.ofNanos(System.nanoTime() - start)));
            throw failure;
        }
    }

    /** The stage's declared ARGs that have a value, in declaration order, valued as RUN sees them. */
    private static Map<String, String> declaredArgs(StageState state) {
        Map<String, String> args = new LinkedHashMap<>();
        state.args().forEach((name, value) -> {
            if (value != null) {
                String env = state.run().envValue(name);
                args.put(name, env != null ? env : value);
            }
        });
        return args;
    }

    /** BuildKit's {@code |N K=V ...} prefix of a RUN's history, naming the build args it ran with. */
    private static String argsPrefix(Map<String, String> args) {
        if (args.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("|").append(args.size());
        args.forEach((name, value) -> out.append(' ').append(name).append('=').append(value));
        return out.append(' ').toString();
    }

    private static NetworkMode network(BuildSession session, Run run) {
        // RUN --network=default is the build's network, as in BuildKit
        return run.network() == null || run.network() == NetworkMode.DEFAULT ? session.request().network() : run.network();
    }

    static List<String> argv(StageState state, Command command) {
        if (command instanceof Command.ExecForm exec) {
            return exec.argv();
        }
        Command.ShellForm shell = (Command.ShellForm) command;
        StringBuilder script = new StringBuilder(shell.script());
        // Heredocs after a command are the shell's business: pass them on in the script.
        for (Heredoc heredoc : shell.heredocs()) {
            script.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return withShell(state, script.toString());
    }

    private static List<String> withShell(StageState state, String script) {
        List<String> argv = new ArrayList<>(state.shell());
        argv.add(script);
        return argv;
    }

    /** A RUN whose whole command is one heredoc ({@code RUN <<EOF}): its body is the script. */
    private record SingleHeredoc(String name, String body) {}

    private static SingleHeredoc singleHeredoc(Command command) {
        if (!(command instanceof Command.ShellForm shell) || shell.heredocs().size() != 1
                || !HEREDOC_ONLY.matcher(shell.script().trim()).matches()) {
            return null;
        }
        Heredoc heredoc = shell.heredocs().get(0);
        String body = heredoc.content();
        if (heredoc.chomp()) {
            body = body.replaceAll("(?m)^\t+", "");
        }
        return new SingleHeredoc(heredoc.name(), body);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory; nothing depends on it
        }
    }
}
