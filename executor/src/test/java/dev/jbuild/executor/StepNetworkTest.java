package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.platform.NetworkMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default network of a step, with each provider: a namespace of its own that reaches the outside
 * through NAT but not the host's loopback, and that leaves nothing behind on the host.
 */
class StepNetworkTest {
    @TempDir
    static Path shared;
    private static SandboxTestSupport support;
    private static TokenServer loopbackService;
    private static TokenServer outsideService;

    @BeforeAll
    static void setUp() throws IOException {
        support = new SandboxTestSupport(shared);
        loopbackService = new TokenServer(InetAddress.getLoopbackAddress());
        outsideService = new TokenServer(hostAddress());
    }

    @AfterAll
    static void tearDown() throws IOException {
        loopbackService.close();
        outsideService.close();
    }

    private static Sandbox sandbox(String provider) {
        NetworkTools.assumeProvider(provider);
        return new Sandbox(support.sandbox.runtime(), support.layout, provider);
    }

    private static SandboxTestSupport.Output run(String provider, RunSpec spec) throws Exception {
        try (Workspace workspace = new OverlayDriver(support.layout.overlay()).prepare(List.of(support.busybox))) {
            List<String> stdout = Collections.synchronizedList(new ArrayList<>());
            List<String> stderr = Collections.synchronizedList(new ArrayList<>());
            RunResult result = sandbox(provider).run(workspace.rootfs(), spec, (stream, line) ->
                    (stream == OutputListener.Stream.STDOUT ? stdout : stderr).add(line));
            return new SandboxTestSupport.Output(result.exitCode(), stdout, stderr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME})
    void aServiceOnTheHostsLoopbackIsOutOfReachButTheOutsideIsNot(String provider) throws Exception {
        String script = "nc -w 3 127.0.0.1 " + loopbackService.port() + " </dev/null; echo loopback=$?;"
                + " nc -w 3 10.0.2.2 " + loopbackService.port() + " </dev/null; echo slirp-host=$?;"
                + " nc -w 3 $(ip route | awk '/default/ {print $3}') " + loopbackService.port() + " </dev/null;"
                + " echo gateway=$?;"
                + " nc -w 5 " + outsideService.address() + " " + outsideService.port() + " </dev/null; echo outside=$?";

        SandboxTestSupport.Output output = run(provider, SandboxTestSupport.shell(script));

        assertFalse(output.out().contains(loopbackService.token()), output.out());
        assertTrue(output.out().contains(outsideService.token()), output.out() + output.err());
        assertTrue(output.stdout().contains("outside=0"), output.out());
        assertFalse(output.stdout().contains("loopback=0"), output.out());
        assertFalse(output.stdout().contains("gateway=0"), output.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME})
    void withNetworkHostTheSameServiceIsReachable(String provider) throws Exception {
        SandboxTestSupport.Output output = run(provider, SandboxTestSupport.shell(
                "nc -w 3 127.0.0.1 " + loopbackService.port() + " </dev/null").withNetwork(NetworkMode.HOST));

        assertEquals(List.of(loopbackService.token()), output.stdout(), output.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME})
    void theStepSeesItsOwnInterfacesNotTheHosts(String provider) throws Exception {
        SandboxTestSupport.Output output = run(provider, SandboxTestSupport.shell(
                "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort; readlink /proc/self/ns/net"));

        List<String> expected = provider.equals(Slirp4netnsNetwork.NAME) ? List.of("lo", "tap0") : List.of("eth0", "lo");
        assertEquals(expected, output.stdout().subList(0, 2), output.out());
        assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), output.stdout().get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME})
    void nothingIsLeftOnTheHostAfterAStepOrAFailedOne(String provider) throws Exception {
        NetworkTools.HostState before = NetworkTools.HostState.capture();

        assertEquals(0, run(provider, SandboxTestSupport.shell("ip addr >/dev/null")).exitCode());
        assertEquals(3, run(provider, SandboxTestSupport.shell("exit 3")).exitCode());
        // fails while its network is still being connected (on a thread of its own): taken down all the same
        assertThrows(UnknownUserException.class,
                () -> run(provider, SandboxTestSupport.shell("true").withUser("ghost")));

        NetworkTools.HostState after = NetworkTools.HostState.capture();
        assertEquals(before, after);
        try (Stream<Path> runs = Files.list(support.layout.runs())) {
            assertEquals(List.of(), runs.toList());
        }
        assertEquals(List.of(), MountTable.under(shared));
    }

    @ParameterizedTest
    @ValueSource(strings = {Slirp4netnsNetwork.NAME, CniBridgeNetwork.NAME})
    void fourStepsAtOnceEachHaveANamespaceAndAddressOfTheirOwn(String provider) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SandboxTestSupport.Output>> steps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // Each step waits until all four are up, so that they really are attached at the same time.
                steps.add(pool.submit(() -> run(provider, SandboxTestSupport.shell(
                        "readlink /proc/self/ns/net; ip -4 -o addr show scope global | awk '{print $4}'; sleep 1"))));
            }
            Set<String> namespaces = new HashSet<>();
            Set<String> addresses = new HashSet<>();
            for (Future<SandboxTestSupport.Output> step : steps) {
                SandboxTestSupport.Output output = step.get();
                assertEquals(0, output.exitCode(), output.err());
                namespaces.add(output.stdout().get(0));
                addresses.add(output.stdout().get(1));
            }
            assertEquals(4, namespaces.size(), namespaces.toString());
            if (provider.equals(CniBridgeNetwork.NAME)) {
                assertEquals(4, addresses.size(), addresses.toString());
            } else {
                // slirp4netns: every namespace has the same private address, reachable only from inside it.
                assertEquals(Set.of("10.0.2.100/24"), addresses);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A non-loopback IPv4 address of this host: where "the outside" is, without needing the internet. */
    private static InetAddress hostAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback() && !nic.getName().startsWith(CniBridgeNetwork.BRIDGE)) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        throw new IllegalStateException("this host has no IPv4 address besides loopback");
    }

    /** Answers every connection with a random token, so that a step's output shows whether it got through. */
    private static final class TokenServer implements AutoCloseable {
        private final ServerSocket socket;
        private final String token = UUID.randomUUID().toString();
        private final Thread thread;

        TokenServer(InetAddress address) throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(address, 0));
            thread = new Thread(this::serve, "token-server");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    out.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // closed, or a client that went away
                }
            }
        }

        String token() {
            return token;
        }

        int port() {
            return socket.getLocalPort();
        }

        String address() {
            return socket.getInetAddress().getHostAddress();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
