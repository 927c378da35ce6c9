package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's resolv.conf, as Docker derives a container's from the host's (moby's libnetwork/resolvconf). */
class ResolvConfTest {
    @TempDir
    Path dir;

    private String forStep(boolean hostNetwork, String host, String upstream) throws IOException {
        Path hostFile = dir.resolve("resolv.conf");
        Files.writeString(hostFile, host);
        Path upstreamFile = dir.resolve("upstream.conf");
        if (upstream != null) {
            Files.writeString(upstreamFile, upstream);
        }
        return ResolvConf.forStep(hostNetwork, hostFile, upstreamFile);
    }

    @Test
    void systemdResolvedsStubIsReplacedByItsUpstreamServers() throws IOException {
        assertEquals("nameserver 192.0.2.53\nnameserver 198.51.100.53\nsearch corp.example\n",
                forStep(false, "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch corp.example\n",
                        "nameserver 192.0.2.53\nnameserver 198.51.100.53\nsearch corp.example\n"));
    }

    @Test
    void loopbackAndIpv6ServersGoAndSearchAndOptionsStay() throws IOException {
        assertEquals("search example.org\nnameserver 10.255.255.53\noptions ndots:2\n",
                forStep(false, "search example.org\nnameserver 127.0.0.1\nnameserver 10.255.255.53\n"
                        + "nameserver ::1\nnameserver 2001:db8::53\noptions ndots:2\n", null));
    }

    @Test
    void withNoServerLeftDockersDefaultsStandIn() throws IOException {
        assertEquals("search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n",
                forStep(false, "search lan\nnameserver 127.0.0.1\n", null));
        // The stub without its upstream file: nothing usable, so the defaults.
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", forStep(false, "nameserver 127.0.0.53\n", null));
    }

    @Test
    void aStepOnTheHostsNetworkGetsTheHostsFileAsItIs() throws IOException {
        String host = "nameserver 127.0.0.53\noptions edns0 trust-ad\n";
        assertEquals(host, forStep(true, host, "nameserver 192.0.2.53\n"));
    }
}
