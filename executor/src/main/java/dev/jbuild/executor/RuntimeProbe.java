package dev.jbuild.executor;

import dev.jbuild.platform.NetworkMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the OCI runtime by running a real container with each candidate (the given one, else
 * runc, then crun), with the same config a step gets (namespaces, capabilities, seccomp, masked
 * paths): a runtime that is installed but cannot run here (crun 1.8 on a cgroup v1 "hybrid"
 * host, say) is skipped with its reason. The verdict is cached for the life of the JVM.
 */
public final class RuntimeProbe {
    private static final List<String> CANDIDATES = List.of("runc", "crun");
    private static final List<String> SYSTEM_DIRECTORIES = List.of(
            "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    /** The host directories the probe container borrows, read-only, to find a {@code true} to run. */
    private static final List<String> HOST_DIRECTORIES = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr");
    private static final Map<Optional<Path>, Selection> CACHE = new ConcurrentHashMap<>();

    /** The chosen runtime and, in one line, why (including why others were passed over). */
    public record Selection(OciRuntime runtime, String reason) {
    }

    private RuntimeProbe() {
    }

    /**
     * @param override {@code --runtime PATH}; empty to try runc, then crun
     * @throws RuntimeUnavailableException none works; the message names each candidate's failure
     *     and the package to install
     */
    public static Selection select(Optional<Path> override, ExecutorLayout layout) throws RuntimeUnavailableException {
        Selection cached = CACHE.get(override);
        if (cached != null) {
            return cached;
        }
        List<Path> candidates = new ArrayList<>();
        if (override.isPresent()) {
            candidates.add(override.get());
        } else {
            for (String name : CANDIDATES) {
                find(name).ifPresent(candidates::add);
            }
        }
        ProbeVerdicts verdicts = new ProbeVerdicts(layout.verdicts());
        String subject = subject(candidates);
        Optional<List<String>> known = verdicts.recall("runtime", subject);
        if (known.isPresent() && known.get().size() == 3) {
            Selection selection = new Selection(new OciRuntime(Path.of(known.get().get(0)), null, known.get().get(1)),
                    known.get().get(2) + "; kept from an earlier probe since boot");
            CACHE.put(override, selection);
            return selection;
        }
        if (candidates.isEmpty()) {
            throw new RuntimeUnavailableException("no OCI runtime found (looked for runc and crun in PATH and "
                    + String.join(", ", SYSTEM_DIRECTORIES) + "); install one: apt-get install -y runc");
        }
        ProbeTrial<Path> trial = new ProbeTrial<>();
        Path chosen = trial.firstWorking(candidates, Path::toString, c -> probe(c, layout));
        if (chosen == null) {
            throw new RuntimeUnavailableException("no working OCI runtime: " + trial.failures()
                    + "; install one: apt-get install -y runc");
        }
        OciRuntime runtime = new OciRuntime(chosen, null, version(chosen));
        String reason = "probe container ran" + trial.skipped();
        Selection selection = new Selection(runtime, reason);
        CACHE.put(override, selection);
        verdicts.remember("runtime", subject, List.of(chosen.toString(), runtime.version(), reason));
        return selection;
    }

    /** The candidates in order, each with its size and time: another binary (an upgrade) is probed again. */
    private static String subject(List<Path> candidates) {
        return ProbeVerdicts.filesSubject("runtime", candidates);
    }

    /** Runs {@code /bin/true} in a probe container; null when it worked, else why not. */
    static String probe(Path runtime, ExecutorLayout layout) {
        if (!Files.isExecutable(runtime)) {
            return "not an executable file";
        }
        Path dir = null;
        try {
            dir = Trees.createLeased(layout.probes(), "runtime-");
            Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
            List<MountSpec> mounts = new ArrayList<>();
            for (String name : HOST_DIRECTORIES) {
                Path host = Path.of("/", name);
                if (Files.isSymbolicLink(host)) {
                    Files.createSymbolicLink(rootfs.resolve(name), Files.readSymbolicLink(host));
                } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                    mounts.add(new MountSpec.Bind(host, "/" + name, false));
                }
            }
            List<String> output = new ArrayList<>();
            RunSpec spec = RunSpec.of(List.of("/bin/sh", "-c", "exit 0")).withNetwork(NetworkMode.NONE).withMounts(mounts);
            OciRuntime candidate = new OciRuntime(runtime, null, null);
            RunResult result = new Sandbox(candidate, layout).run(rootfs, spec, (stream, line) -> output.add(line));
            if (result.exitCode() != 0) {
                return "probe container exited " + result.exitCode()
                        + (output.isEmpty() ? "" : ": " + output.get(output.size() - 1));
            }
            return null;
        } catch (IOException | ExecutorException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            Trees.removeLeasedOrLeave(dir);
        }
    }

    static Optional<Path> find(String name) {
        Set<String> directories = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                if (!entry.isEmpty()) {
                    directories.add(entry);
                }
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String version(Path runtime) {
        try {
            Commands.Result result = Commands.run(List.of(runtime.toString(), "--version"));
            String first = result.output().strip().split("\n")[0];
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
