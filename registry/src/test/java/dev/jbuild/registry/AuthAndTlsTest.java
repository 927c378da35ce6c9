package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.CredentialHelperScript;
import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.TestCa;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.TokenServer;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three set-ups besides plain HTTP: htpasswd Basic auth, the token flow, and TLS with a private CA. */
class AuthAndTlsTest {
    private static final String SECRET = "s3cret-Pa55word";

    @TempDir
    Path scratch;
    ImageStore store;
    ImageStore other;

    @BeforeEach
    void open() throws Exception {
        store = ImageStore.open(scratch.resolve("store"));
        other = ImageStore.open(scratch.resolve("other"));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        other.close();
    }

    private RegistrySettings settings() {
        return RegistrySettings.defaults(Map.of("HOME", scratch.toString()))
                .withDockerConfigDirectory(scratch.resolve("docker"))
                .withCertsDirectory(scratch.resolve("certs.d"))
                .withRetry(new RegistrySettings.RetryPolicy(2, java.time.Duration.ofMillis(50),
                        java.time.Duration.ofMillis(100)));
    }

    @Test
    void basicAuthLoginWritesDockerConfigAndLetsPushAndPullWork() throws Exception {
        try (RegistryServer registry = RegistryServer.htpasswd(scratch.resolve("registry"), "alice", SECRET)) {
            ImageRecord image = TestImages.layered(store, scratch, 2, 500, 10, "app:1");
            Reference target = Reference.parse(registry.host() + "/alice/app:1");
            AuthenticationFailedException anonymous = assertThrows(AuthenticationFailedException.class,
                    () -> new ImagePusher(store, new Registries(settings()), TransferListener.NONE)
                            .push("app:1", target, PushOptions.defaults()));
            assertTrue(anonymous.getMessage().contains("jbuild login " + registry.host()), anonymous.getMessage());

            AuthenticationFailedException wrong = assertThrows(AuthenticationFailedException.class,
                    () -> new Registries(settings()).login(registry.host(), new Credentials("alice", "wrong")));
            assertFalse(wrong.getMessage().contains("wrong\""), "no secret in the message");
            assertFalse(Files.exists(scratch.resolve("docker/config.json")), "a refused login stores nothing");

            new Registries(settings()).login(registry.host(), new Credentials("alice", SECRET));
            String config = Files.readString(scratch.resolve("docker/config.json"));
            assertTrue(config.contains(java.util.Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes())),
                    "stored as Docker stores it: base64 of user:password under auths");
            new ImagePusher(store, new Registries(settings()), TransferListener.NONE).push("app:1", target,
                    PushOptions.defaults());
            assertEquals(image.id(), new ImagePuller(other, new Registries(settings()), TransferListener.NONE)
                    .pull(target).image().id());

            assertTrue(new Registries(settings()).logout(registry.host()));
            assertFalse(Files.readString(scratch.resolve("docker/config.json")).contains(registry.host()));
        }
    }

    @Test
    void tokenFlowAnonymousPullAndAuthenticatedPush() throws Exception {
        try (TokenServer tokens = new TokenServer(scratch.resolve("tokens"), Map.of("bob", SECRET));
             RegistryServer registry = RegistryServer.token(scratch.resolve("registry"), tokens)) {
            ImageRecord image = TestImages.layered(store, scratch, 3, 500, 11, "app:1");
            Reference target = Reference.parse(registry.host() + "/bob/app:1");
            assertThrows(AuthenticationFailedException.class,
                    () -> new ImagePusher(store, new Registries(settings()), TransferListener.NONE)
                            .push("app:1", target, PushOptions.defaults()),
                    "anonymous tokens carry pull only");

            assertThrows(AuthenticationFailedException.class,
                    () -> new Registries(settings()).login(registry.host(), new Credentials("bob", "nope")));
            new Registries(settings()).login(registry.host(), new Credentials("bob", SECRET));
            PushResult pushed = new ImagePusher(store, new Registries(settings()), TransferListener.NONE)
                    .push("app:1", target, PushOptions.defaults());
            assertTrue(tokens.requests().stream().anyMatch(q -> q.contains("scope=repository%3Abob%2Fapp%3Apull%2Cpush")),
                    tokens.requests().toString());

            new Registries(settings()).logout(registry.host());
            PullResult pulled = new ImagePuller(other, new Registries(settings()), TransferListener.NONE).pull(target);
            assertEquals(image.id(), pulled.image().id(), "an anonymous token is enough to pull");
            assertEquals(pushed.digest(), pulled.image().manifestDigest());
        }
    }

    /**
     * With an {@code identitytoken} in config.json (what {@code docker login} keeps for registries whose
     * token server hands out OAuth refresh tokens), tokens come from the OAuth form the Docker CLI posts:
     * {@code grant_type=refresh_token}, never a GET with the password. Docker's registry only checks
     * tokens; the token server is the test's own (a JDK HttpServer signing JWTs the registry verifies).
     */
    @Test
    void anIdentityTokenIsExchangedThroughTheOAuthRefreshGrant() throws Exception {
        String refresh = "rt-dave-7f3a9c";
        try (TokenServer tokens = new TokenServer(scratch.resolve("tokens"), Map.of(), Map.of(refresh, "dave"));
             RegistryServer registry = RegistryServer.token(scratch.resolve("registry"), tokens)) {
            ImageRecord image = TestImages.layered(store, scratch, 2, 500, 13, "app:1");
            Reference target = Reference.parse(registry.host() + "/dave/app:1");
            Path docker = Files.createDirectories(scratch.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                    + java.util.Base64.getEncoder().encodeToString("dave:".getBytes()) + "\",\"identitytoken\":\""
                    + refresh + "\"}}}");
            try (Registries registries = new Registries(settings())) {
                new ImagePusher(store, registries, TransferListener.NONE).push("app:1", target, PushOptions.defaults());
            }
            assertFalse(tokens.requests().isEmpty());
            for (String request : tokens.requests()) {
                assertTrue(request.startsWith("POST ") && request.contains("grant_type=refresh_token")
                        && request.contains("refresh_token=" + refresh) && request.contains("client_id=jbuild")
                        && request.contains("service=" + TokenServer.SERVICE), request);
            }
            assertTrue(tokens.requests().stream().anyMatch(r -> r.contains("scope=repository%3Adave%2Fapp%3Apull%2Cpush")),
                    tokens.requests().toString());

            // The same token kept by a credential helper, which reports its user as "<token>".
            CredentialHelperScript helper = CredentialHelperScript.install(scratch.resolve("helpers"), "jbtok");
            helper.preload(registry.host(), "<token>", refresh);
            Files.writeString(docker.resolve("config.json"), "{\"credHelpers\":{\"" + registry.host() + "\":\"jbtok\"}}");
            int before = tokens.requests().size();
            try (Registries registries = new Registries(settings().withHelperPath(List.of(scratch.resolve("helpers"))))) {
                assertEquals(image.id(), new ImagePuller(other, registries, TransferListener.NONE).pull(target).image().id());
            }
            List<String> viaHelper = tokens.requests().subList(before, tokens.requests().size());
            assertFalse(viaHelper.isEmpty());
            assertTrue(viaHelper.stream().allMatch(r -> r.startsWith("POST ") && r.contains("refresh_token=" + refresh)),
                    viaHelper.toString());

            // A revoked token is one line that says what to do, without the token.
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host()
                    + "\":{\"identitytoken\":\"rt-revoked-0000\"}}}");
            try (ImageStore third = ImageStore.open(scratch.resolve("third"));
                 Registries registries = new Registries(settings())) {
                AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                        () -> new ImagePuller(third, registries, TransferListener.NONE).pull(target));
                assertEquals("the token server of " + registry.host() + " refused the identity token stored for it "
                        + "(401): it expired or was revoked; run 'jbuild login " + registry.host() + "' again",
                        refused.getMessage());
                assertTrue(third.list().isEmpty());
            }
        }
    }

    @Test
    void tlsRegistryIsTrustedThroughCertsDirOrExtraCaAndRefusedOtherwise() throws Exception {
        TestCa ca = TestCa.create(scratch.resolve("ca"));
        try (RegistryServer registry = RegistryServer.tls(scratch.resolve("registry"), ca)) {
            TestImages.layered(store, scratch, 2, 500, 12, "app:1");
            Reference target = Reference.parse(registry.host() + "/secure/app:1");
            RegistryUnreachableException untrusted = assertThrows(RegistryUnreachableException.class,
                    () -> new ImagePusher(store, new Registries(settings()), TransferListener.NONE)
                            .push("app:1", target, PushOptions.defaults()));
            assertTrue(untrusted.getMessage().contains("certs.d/" + registry.host() + "/ca.crt"), untrusted.getMessage());

            new ImagePusher(store, new Registries(settings().withExtraCas(List.of(ca.caFile()))), TransferListener.NONE)
                    .push("app:1", target, PushOptions.defaults());

            Path certsDir = Files.createDirectories(scratch.resolve("certs.d").resolve(registry.host()));
            Files.copy(ca.caFile(), certsDir.resolve("ca.crt"));
            PullResult pulled = new ImagePuller(other, new Registries(settings()), TransferListener.NONE).pull(target);
            assertEquals(store.image("app:1").id(), pulled.image().id());
        }
    }

    @Test
    void tlsGoesThroughBoringSslHereAndACertificateForAnotherHostIsRefused() throws Exception {
        assertTrue(OpenSslContext.available() || !System.getProperty("os.arch").equals("amd64"),
                "netty-tcnative's BoringSSL loads on linux-x86_64");
        TestCa ca = TestCa.create(scratch.resolve("ca"));
        RegistrySettings trusting = settings().withExtraCas(List.of(ca.caFile()));
        assertTrue(TrustStores.forHost("127.0.0.1:5000", trusting).createSSLEngine("127.0.0.1", 5000)
                instanceof EmptyWrapTolerantEngine, "the JDK's TLS only where BoringSSL does not load");
        try (RegistryServer registry = RegistryServer.tls(scratch.resolve("registry"),
                ca.serverCertificateForAnotherHost("registry"))) {
            TestImages.layered(store, scratch, 1, 500, 13, "app:1");
            RegistryUnreachableException refused = assertThrows(RegistryUnreachableException.class,
                    () -> new ImagePusher(store, new Registries(trusting), TransferListener.NONE)
                            .push("app:1", Reference.parse(registry.host() + "/secure/app:1"), PushOptions.defaults()));
            assertTrue(refused.getMessage().startsWith("the TLS certificate of " + registry.host() + " is not trusted ("
                    + "No subject alternative names matching IP address 127.0.0.1 found)"), refused.getMessage());
            assertTrue(registry.storedBlobs().isEmpty(), "nothing was uploaded");
        }
    }

    @Test
    void plainHttpIsRefusedForARegistryThatIsNeitherLoopbackNorInsecure() {
        RegistrySettings settings = settings();
        assertEquals(1, RegistryHost.forPush("registry.example:5000", settings).size(), "HTTPS only");
        assertEquals(2, RegistryHost.forPush("127.0.0.1:5000", settings).size());
        assertEquals(2, RegistryHost.forPush("localhost:5000", settings).size());
        assertEquals(2, RegistryHost.forPush("registry.example:5000",
                settings.withInsecure(List.of("registry.example:5000"))).size());
        assertEquals("https://registry-1.docker.io", RegistryHost.forPush("docker.io", settings).get(0).base().toString());
    }
}
