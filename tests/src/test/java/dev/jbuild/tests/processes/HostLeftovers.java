package dev.jbuild.tests.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What jbuild processes could leave on the host: the build network's interfaces, its state files (address
 * leases, configuration), NAT and filter rules naming it, mounts under a store, processes still running
 * with a store's path in their command line (runtimes, slirp4netns), and containers the runtime still knows.
 */
record HostLeftovers(List<String> interfaces, List<String> cniFiles, List<String> rules, List<String> mounts,
                     List<String> processes, List<String> containers) {
    private static final Path CNI_STATE = Path.of("/run/jbuild/cni");

    static HostLeftovers capture(Path storeRoot) throws IOException, InterruptedException {
        return new HostLeftovers(buildInterfaces(), cniStateFiles(), natAndFilterRules(),
                mountsUnder(storeRoot), processesMentioning(storeRoot), namesIn(storeRoot.resolve("executor/runtime")));
    }

    /** Everything that belongs to one store: what a killed build leaves until it is cleaned. */
    boolean hasStoreLeftovers() {
        return !mounts.isEmpty() || !processes.isEmpty() || !containers.isEmpty();
    }

    /**
     * The bridge and the veth ends on it: what the CNI network adds to the host. Other interfaces are left out,
     * since other programs on the machine may add or remove theirs meanwhile.
     */
    private static List<String> buildInterfaces() throws IOException {
        List<String> ours = new ArrayList<>();
        for (String name : namesIn(Path.of("/sys/class/net"))) {
            Path master = Path.of("/sys/class/net", name, "master");
            boolean onBridge = Files.isSymbolicLink(master)
                    && Files.readSymbolicLink(master).getFileName().toString().startsWith("jbuild");
            if (name.startsWith("jbuild") || onBridge) {
                ours.add(name);
            }
        }
        return ours;
    }

    private static List<String> namesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** The CNI state directory's files, its empty lock files aside. */
    private static List<String> cniStateFiles() throws IOException {
        if (!Files.isDirectory(CNI_STATE)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.walk(CNI_STATE)) {
            return entries.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".lock"))
                    .map(Path::toString).sorted().toList();
        }
    }

    private static List<String> natAndFilterRules() throws IOException, InterruptedException {
        List<String> rules = new ArrayList<>();
        for (String table : List.of("nat", "filter")) {
            Process process = new ProcessBuilder("iptables", "-t", table, "-S").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            for (String line : output.split("\n")) {
                if (line.contains("\"jbuild\"") || line.contains("10.89.")) {
                    rules.add(table + ": " + line);
                }
            }
        }
        return rules;
    }

    private static List<String> mountsUnder(Path root) throws IOException {
        String prefix = root.toRealPath().toString() + "/";
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String point = line.split(" ")[4];
            if (point.startsWith(prefix)) {
                mounts.add(point);
            }
        }
        return mounts;
    }

    private static List<String> processesMentioning(Path root) throws IOException {
        String path = root.toRealPath().toString();
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String commandLine = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').strip();
                    if (commandLine.contains(path) && !commandLine.contains("dev.jbuild.cli.Main")) {
                        found.add(proc.getFileName() + " " + commandLine);
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                } catch (IOException e) {
                    // not readable: not ours
                }
            }
        }
        return found;
    }
}
