package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSL context of plain-HTTP clients: plain HTTP works with it, and any TLS it is asked for is refused. */
class PlainHttpSslContextTest {
    @TempDir
    Path scratch;

    private static HttpClient plainClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(PlainHttpSslContext.create()).sslParameters(PlainHttpSslContext.parameters()).build();
    }

    @Test
    void plainHttpGoesThrough() throws Exception {
        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"))) {
            HttpResponse<String> answer = plainClient().send(
                    HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
        }
    }

    @Test
    void aTlsHandshakeIsRefusedEvenWithAServerItCouldReach() throws Exception {
        TestCa ca = TestCa.create(scratch.resolve("ca"));
        try (RegistryServer registry = RegistryServer.tls(scratch.resolve("registry"), ca)) {
            // the registry answers over TLS (a client trusting the CA gets through), this client never does
            HttpClient trusting = HttpClient.newBuilder().sslContext(TrustStores.forHost(registry.host(),
                    RegistrySettings.defaults(java.util.Map.of("HOME", scratch.toString()))
                            .withCertsDirectory(scratch.resolve("certs.d"))
                            .withExtraCas(java.util.List.of(ca.caFile())))).build();
            URI https = URI.create("https://" + registry.host() + "/v2/");
            assertEquals(200, trusting.send(HttpRequest.newBuilder(https).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            assertThrows(SSLHandshakeException.class, () -> plainClient().send(HttpRequest.newBuilder(https).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }
}
