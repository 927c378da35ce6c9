package dev.jbuild.registry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (Docker's distribution registry) on a random 127.0.0.1 port with
 * its storage in a test's temp directory: plain HTTP, TLS, htpasswd Basic auth, or the token flow.
 * Its log (every request it served) is kept in {@code registry.log}. {@link #close} stops it.
 */
public final class RegistryServer implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";

    private final Path dir;
    private final Path config;
    private final int port;
    private final boolean tls;
    private Process process;

    private RegistryServer(Path dir, int port, String extra, boolean tls) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = port;
        this.tls = tls;
        this.config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\n"
                + "log:\n  level: info\n  formatter: text\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                + "  delete:\n    enabled: true\n"
                + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: jbuild-test-secret\n"
                + extra);
    }

    /** A plain HTTP registry. */
    public static RegistryServer plain(Path dir) throws IOException {
        return start(new RegistryServer(dir, Tools.freePort(), "", false));
    }

    /**
     * A plain HTTP registry that takes manifests with non-distributable layers: Docker's registry refuses
     * their URLs ("invalid URL on layer") unless {@code validation.manifests.urls.allow} names them.
     */
    public static RegistryServer plainAllowingForeignUrls(Path dir) throws IOException {
        return start(new RegistryServer(dir, Tools.freePort(),
                "validation:\n  manifests:\n    urls:\n      allow:\n        - ^https?://\n", false));
    }

    /** A TLS registry whose certificate {@code ca} signed. */
    public static RegistryServer tls(Path dir, TestCa ca) throws Exception {
        return tls(dir, ca.serverCertificate("registry"));
    }

    /** A TLS registry serving {@code certificate} ({@code [cert.pem, key.pem]}). */
    public static RegistryServer tls(Path dir, Path[] certificate) throws Exception {
        return start(new RegistryServer(dir, Tools.freePort(), "  tls:\n    certificate: " + certificate[0]
                + "\n    key: " + certificate[1] + "\n", true));
    }

    /** A plain HTTP registry behind htpasswd Basic auth with one user. */
    public static RegistryServer htpasswd(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        Tools.require("htpasswd");
        Path file = dir.resolve("htpasswd");
        Files.writeString(file, Tools.run(dir, "htpasswd", "-Bbn", user, password));
        return start(new RegistryServer(dir, Tools.freePort(),
                "auth:\n  htpasswd:\n    realm: jbuild-test\n    path: " + file + "\n", false));
    }

    /** A plain HTTP registry that takes only tokens {@code issuer} signed (the distribution token flow). */
    public static RegistryServer token(Path dir, TokenServer issuer) throws IOException {
        return start(new RegistryServer(dir, Tools.freePort(), "auth:\n  token:\n    realm: " + issuer.realm()
                + "\n    service: " + TokenServer.SERVICE + "\n    issuer: " + TokenServer.ISSUER
                + "\n    rootcertbundle: " + issuer.certificateFile() + "\n", false));
    }

    private static RegistryServer start(RegistryServer server) throws IOException {
        Tools.require(BINARY);
        server.launch();
        return server;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited at start: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IOException("docker-registry did not listen on " + port + " within 20 s: " + log());
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image names. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return (tls ? "https://" : "http://") + host();
    }

    public Path storage() {
        return dir.resolve("storage");
    }

    /** Everything the registry logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("registry.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL, as a crash: no chance to finish anything. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts it again on the same port and storage. */
    public void restart() throws IOException {
        kill0();
        launch();
    }

    private void kill0() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The blob digests ({@code sha256:...}) the registry's storage holds. */
    public List<String> storedBlobs() throws IOException {
        List<String> out = new ArrayList<>();
        Path blobs = storage().resolve("docker/registry/v2/blobs/sha256");
        if (!Files.isDirectory(blobs)) {
            return out;
        }
        try (var walk = Files.walk(blobs)) {
            walk.filter(p -> p.getFileName().toString().equals("data"))
                    .forEach(p -> out.add("sha256:" + p.getParent().getFileName()));
        }
        return out;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
