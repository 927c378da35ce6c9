package dev.jbuild.executor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the network tests need from the host: whether a provider can run here, and what it left behind. */
final class NetworkTools {
    private NetworkTools() {
    }

    /** Skips visibly when the provider's parts are missing, but fails under CI, where .ci/run installs them. */
    static void assumeProvider(String provider) {
        boolean present = provider.equals(Slirp4netnsNetwork.NAME)
                ? RuntimeProbe.find("slirp4netns").isPresent()
                : Files.isExecutable(CniBridgeNetwork.DEFAULT_PLUGINS.resolve("bridge"));
        if (System.getenv("CI") == null) {
            assumeTrue(present, provider + " is not installed (apt-get install -y slirp4netns containernetworking-plugins)");
        }
    }

    /**
     * What a step's network could leave on the host: the bridge and its veths, CNI state files (address leases, the
     * network's configuration), NAT and filter rules naming the network.
     */
    record HostState(List<String> interfaces, List<String> cniFiles, List<String> rules) {
        static HostState capture() throws IOException {
            return new HostState(buildInterfaces(), tree(CniBridgeNetwork.DEFAULT_STATE), natAndFilterRules());
        }

        /** The bridge and the veth ends on it; other programs' interfaces may come and go meanwhile. */
        private static List<String> buildInterfaces() throws IOException {
            List<String> ours = new ArrayList<>();
            for (String name : list(Path.of("/sys/class/net"))) {
                Path master = Path.of("/sys/class/net", name, "master");
                boolean onBridge = Files.isSymbolicLink(master)
                        && Files.readSymbolicLink(master).getFileName().toString().equals(CniBridgeNetwork.BRIDGE);
                if (name.equals(CniBridgeNetwork.BRIDGE) || onBridge) {
                    ours.add(name);
                }
            }
            return ours;
        }

        private static List<String> list(Path dir) throws IOException {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.map(path -> path.getFileName().toString()).sorted().toList();
            }
        }

        /** The state directory's files, lock files aside (empty and kept, like /run/lock's). */
        private static List<String> tree(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> entries = Files.walk(dir)) {
                return entries.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".lock"))
                        .map(Path::toString).sorted().toList();
            }
        }

        private static List<String> natAndFilterRules() throws IOException {
            List<String> rules = new ArrayList<>();
            for (String table : List.of("nat", "filter")) {
                Commands.Result result = Commands.run(List.of("iptables", "-t", table, "-S"));
                for (String line : result.output().split("\n")) {
                    if (line.contains("\"" + CniBridgeNetwork.NETWORK + "\"") || line.contains("10.89.")) {
                        rules.add(table + ": " + line);
                    }
                }
            }
            return rules;
        }
    }
}
