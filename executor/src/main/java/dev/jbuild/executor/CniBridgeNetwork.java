package dev.jbuild.executor;

import dev.jbuild.platform.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The step's namespace on a bridge, through the CNI plugins Debian ships ({@code containernetworking-plugins}),
 * configured as BuildKit's CNI network mode and rootful Podman configure them: {@code loopback}, then
 * {@code bridge} with a {@code host-local} address from the network's subnet, the bridge as gateway and NAT
 * ({@code ipMasq}) to the outside, then {@code firewall} when the host's FORWARD chain would drop the
 * step's traffic (a host where Docker runs). The network is one per machine ({@code jbuild0}, state under
 * {@code /run/jbuild/cni}, so a reboot forgets it), its subnet the first free {@code 10.89.N.0/24}.
 *
 * <p>Per step: a veth pair, an address lease, a NAT chain (and FORWARD rules), all undone by DEL when the
 * step ends; the last user of all takes down the bridge and the pool's files ({@link CniNetworkUsers}). What
 * DEL needs is written to {@code cni.json} in the run directory before ADD, so that {@link Janitor} can undo
 * a killed process's step ({@link #cleanStale}).
 */
final class CniBridgeNetwork implements NetworkProvider {
    static final String NAME = "cni-bridge";
    static final Path DEFAULT_STATE = Path.of("/run/jbuild/cni");
    static final Path DEFAULT_PLUGINS = Path.of("/usr/lib/cni");
    static final String NETWORK = "jbuild";
    static final String BRIDGE = "jbuild0";
    static final String RECORD = "cni.json";
    static final List<String> PLUGINS = List.of("loopback", "bridge", "host-local", "firewall");

    private final CniPlugins plugins;
    private final Path state;
    private final Boolean firewall;

    /**
     * @param firewall whether to add the firewall plugin; null to decide when the network is set up (only when
     *     the FORWARD chain does not accept by default)
     */
    CniBridgeNetwork(Path pluginDirectory, Path state, Boolean firewall) {
        this.plugins = new CniPlugins(pluginDirectory);
        this.state = state;
        this.firewall = firewall;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepNetwork attach(Path runDir) throws IOException, InterruptedException {
        Path namespace = NetworkNamespaceFile.create(runDir.resolve("netns"));
        CniPlugins.Attachment attachment = new CniPlugins.Attachment("jbuild-" + runDir.getFileName(), namespace);
        boolean joined = false;
        ObjectNode list = null;
        try {
            CniNetworkUsers.join(state);
            joined = true;
            list = networkList();
            writeRecord(runDir, attachment, list, null);
            JsonNode result = plugins.add(list, attachment);
            writeRecord(runDir, attachment, list, result);
            return new Attached(runDir, attachment, list, result);
        } catch (IOException | RuntimeException e) {
            if (list != null) {
                deleteQuietly(list, attachment, null);
            }
            NetworkNamespaceFile.remove(namespace);
            if (joined) {
                CniNetworkUsers.leave(state, this::teardown);
            }
            throw e;
        }
    }

    private void deleteQuietly(ObjectNode list, CniPlugins.Attachment attachment, JsonNode result) {
        try {
            plugins.delete(list, attachment, result);
        } catch (IOException | ExecutorException e) {
            // the ADD's own error is the one to report
        }
    }

    /** The network's configuration list, written by the first user since the network was last taken down. */
    private ObjectNode networkList() throws IOException {
        Path file = state.resolve(NETWORK + ".conflist");
        if (!Files.exists(file)) {
            Path temp = state.resolve(NETWORK + ".conflist." + ProcessHandle.current().pid() + "-" + Trees.randomId());
            Files.write(temp, CniJson.MAPPER.writeValueAsBytes(newList()));
            try {
                Files.createLink(file, temp); // link(2): whoever comes first writes it, the others read theirs
            } catch (FileAlreadyExistsException e) {
                // another process wrote it first
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return (ObjectNode) CniJson.MAPPER.readTree(Files.readAllBytes(file));
    }

    private ObjectNode newList() throws IOException {
        ObjectNode list = CniJson.MAPPER.createObjectNode();
        list.put("cniVersion", "1.0.0");
        list.put("name", NETWORK);
        ArrayNode items = list.putArray("plugins");
        items.addObject().put("type", "loopback");
        ObjectNode bridge = items.addObject();
        bridge.put("type", "bridge");
        bridge.put("bridge", BRIDGE);
        bridge.put("isGateway", true);
        bridge.put("ipMasq", true);
        ObjectNode ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.putArray("ranges").addArray().addObject().put("subnet", Ipv4Routes.firstFreeSubnet(BRIDGE));
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        ipam.put("dataDir", state.resolve("ipam").toString());
        if (firewall != null ? firewall : IptablesForward.dropsByDefault()) {
            ObjectNode rules = items.addObject();
            rules.put("type", "firewall");
            rules.put("backend", "iptables");
        }
        return list;
    }

    private void writeRecord(Path runDir, CniPlugins.Attachment attachment, ObjectNode list, JsonNode result)
            throws IOException {
        ObjectNode record = CniJson.MAPPER.createObjectNode();
        record.put("plugins", plugins.directory().toString());
        record.put("state", state.toString());
        record.put("containerId", attachment.containerId());
        record.put("namespace", attachment.namespace().toString());
        record.set("network", list);
        record.set("result", result);
        Path temp = runDir.resolve(RECORD + ".tmp");
        Files.write(temp, CniJson.MAPPER.writeValueAsBytes(record));
        Files.move(temp, runDir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Undoes the network of a step whose process died: DEL while its namespace file is still mounted (the
     * bridge plugin finds the addresses to un-NAT through the interface), then the network goes if idle.
     */
    static void cleanStale(Path runDir) throws IOException {
        Path file = runDir.resolve(RECORD);
        if (!Files.exists(file)) {
            return;
        }
        JsonNode record = CniJson.MAPPER.readTree(Files.readAllBytes(file));
        ObjectNode list = (ObjectNode) record.get("network");
        Path namespace = Path.of(record.get("namespace").asText());
        CniPlugins.Attachment attachment = new CniPlugins.Attachment(record.get("containerId").asText(),
                Files.exists(namespace) ? namespace : null);
        JsonNode result = record.get("result");
        CniBridgeNetwork network = new CniBridgeNetwork(Path.of(record.get("plugins").asText()),
                Path.of(record.get("state").asText()), null);
        network.plugins.delete(list, attachment, result == null || result.isNull() ? null : result);
        Files.delete(file);
        CniNetworkUsers.teardownIfIdle(network.state, network::teardown);
    }

    /** With nobody attached: the bridge, the configuration and the address pool's files go. */
    private void teardown() throws IOException {
        if (Files.exists(Path.of("/sys/class/net", BRIDGE))) {
            Commands.Result deleted = Commands.run(List.of("ip", "link", "delete", BRIDGE));
            if (!deleted.succeeded() && Files.exists(Path.of("/sys/class/net", BRIDGE))) {
                throw new ExecutorException("cannot delete the bridge " + BRIDGE + ": " + deleted.lastLine());
            }
        }
        FileTrees.delete(state.resolve("ipam"));
        Files.deleteIfExists(state.resolve(NETWORK + ".conflist"));
    }

    private final class Attached implements StepNetwork {
        private final Path runDir;
        private final CniPlugins.Attachment attachment;
        private final ObjectNode list;
        private final JsonNode result;
        private boolean closed;

        Attached(Path runDir, CniPlugins.Attachment attachment, ObjectNode list, JsonNode result) {
            this.runDir = runDir;
            this.attachment = attachment;
            this.list = list;
            this.result = result;
        }

        @Override
        public Path namespace() {
            return attachment.namespace();
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                plugins.delete(list, attachment, result);
                Files.deleteIfExists(runDir.resolve(RECORD));
            } finally {
                try {
                    NetworkNamespaceFile.remove(attachment.namespace());
                } finally {
                    CniNetworkUsers.leave(state, CniBridgeNetwork.this::teardown);
                }
            }
        }
    }
}
