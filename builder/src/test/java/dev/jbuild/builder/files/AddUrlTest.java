package dev.jbuild.builder.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jbuild.platform.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD of http(s) URLs against a real HTTP server on 127.0.0.1 (Docker 20.10's observed results in comments). */
class AddUrlTest {
    private static final String CONTENT = "remote content\n";
    /** Fri, 14 Jul 2017 02:40:00 GMT */
    private static final long LAST_MODIFIED = 1_500_000_000L;

    @TempDir
    Path temp;

    private HttpServer server;
    private String base;
    private final AtomicInteger requests = new AtomicInteger();
    private byte[] tar;

    @BeforeEach
    void startServer() throws IOException {
        tar = tarOf("inside.txt", "in");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.equals("/files/file.txt")) {
                body = CONTENT.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Last-Modified", "Fri, 14 Jul 2017 02:40:00 GMT");
            } else if (path.equals("/files/plain")) {
                body = "no date".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/files/arch.tar")) {
                body = tar;
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void urlIsDownloadedAs0600FileNamedAfterItsLastSegmentWithLastModifiedTime() throws Exception {
        Path target = temp.resolve("target");
        new DockerFileCopier(null).copy(CopyRequest.builder("/d/", target).source(base + "file.txt").add().build());
        assertEquals("d d 0755 0:0\nd/file.txt f 0600 0:0 = remote content|", TreeFixture.list(target));
        assertEquals(LAST_MODIFIED, TreeFixture.mtime(target.resolve("d/file.txt")));
    }

    @Test
    void urlToAFileDestinationTakesThatNameAndChmodAndChownApply() throws Exception {
        Path target = temp.resolve("target");
        new DockerFileCopier(null).copy(CopyRequest.builder("/q/renamed", target).source(base + "file.txt")
                .add().chmod("755").owner(5, 6).build());
        assertEquals("q d 0755 5:6\nq/renamed f 0755 5:6 = remote content|", TreeFixture.list(target));
    }

    @Test
    void urlWithoutLastModifiedGetsTheDownloadTime() throws Exception {
        Path target = temp.resolve("target");
        long before = System.currentTimeMillis() / 1000 - 1;
        new DockerFileCopier(null).copy(CopyRequest.builder("/d/", target).source(base + "plain").add().build());
        assertTrue(TreeFixture.mtime(target.resolve("d/plain")) >= before);
    }

    @Test
    void remoteArchiveIsNotExtractedByDefault() throws Exception {
        Path target = temp.resolve("target");
        new DockerFileCopier(null).copy(CopyRequest.builder("/d/", target).source(base + "arch.tar").add().build());
        assertEquals(tar.length, Files.size(target.resolve("d/arch.tar")));
    }

    @Test
    void remoteArchiveIsExtractedWithUnpackTrue() throws Exception {
        Path target = temp.resolve("target");
        new DockerFileCopier(null).copy(CopyRequest.builder("/d/", target).source(base + "arch.tar").add()
                .unpack(true).build());
        assertEquals("d d 0755 0:0\nd/inside.txt f 0644 0:0 = in", TreeFixture.list(target));
    }

    @Test
    void matchingChecksumIsAcceptedAndIsTheCacheKeyWithoutDownloading() throws Exception {
        String sha = "sha256:" + sha256(CONTENT.getBytes(StandardCharsets.UTF_8));
        CopyRequest request = CopyRequest.builder("/d/", temp.resolve("target")).source(base + "file.txt").add()
                .checksum(sha).build();
        DockerFileCopier copier = new DockerFileCopier(null);
        SourceDigest digest = copier.checksum(request);
        assertEquals(0, requests.get());
        assertEquals(digest, new DockerFileCopier(null).checksum(request));
        copier.copy(request);
        assertEquals(1, requests.get());
        assertEquals(CONTENT, Files.readString(temp.resolve("target/d/file.txt")));
    }

    @Test
    void mismatchingChecksumFailsNamingBothDigests() {
        String wrong = "sha256:" + "0".repeat(64);
        String actual = "sha256:" + sha256(CONTENT.getBytes(StandardCharsets.UTF_8));
        CopyRequest request = CopyRequest.builder("/d/", temp.resolve("target")).source(base + "file.txt").add()
                .checksum(wrong).build();
        CopyException error = assertThrows(CopyException.class, () -> new DockerFileCopier(null).copy(request));
        assertEquals("checksum mismatch for " + base + "file.txt: expected " + wrong + ", got " + actual,
                error.getMessage());
        assertTrue(Files.notExists(temp.resolve("target/d/file.txt")));
    }

    @Test
    void malformedChecksumIsRefusedBeforeAnyDownload() {
        CopyException error = assertThrows(CopyException.class, () -> new DockerFileCopier(null).checksum(
                CopyRequest.builder("/d/", null).source(base + "file.txt").add().checksum("md5:abc").build()));
        assertEquals("invalid checksum digest format: md5:abc", error.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void checksumWithoutChecksumFlagIsOverTheDownloadedBytesAndTheDownloadIsReused() throws Exception {
        CopyRequest request = CopyRequest.builder("/d/", temp.resolve("target")).source(base + "file.txt").add().build();
        DockerFileCopier copier = new DockerFileCopier(null);
        SourceDigest first = copier.checksum(request);
        copier.copy(request);
        assertEquals(1, requests.get());
        CopyRequest other = CopyRequest.builder("/d/", null).source(base + "plain").add().build();
        assertNotEquals(first, copier.checksum(other));
    }

    @Test
    void missingUrlFailsWithTheStatus() {
        CopyException error = assertThrows(CopyException.class, () -> new DockerFileCopier(null).checksum(
                CopyRequest.builder("/d/", null).source(base + "nope").add().build()));
        assertEquals("failed to download " + base + "nope: invalid response status 404", error.getMessage());
    }

    @Test
    void copyRefusesUrls() {
        CopyException error = assertThrows(CopyException.class, () -> new DockerFileCopier(null).checksum(
                CopyRequest.builder("/d/", null).source(base + "file.txt").build()));
        assertEquals("source can't be a URL for COPY", error.getMessage());
    }

    @Test
    void urlWithoutPathIsNamedUnnamed() {
        assertEquals("__unnamed__", UrlSources.fileName("http://example.invalid/"));
        assertEquals("__unnamed__", UrlSources.fileName("http://example.invalid"));
        assertEquals("app.tgz", UrlSources.fileName("https://example.invalid/dl/app.tgz?x=1"));
    }

    private static String sha256(byte[] data) {
        return HexFormat.of().formatHex(Sha256.newJdkDigest().digest(data));
    }

    private static byte[] tarOf(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            entry.setMode(0100644);
            out.putArchiveEntry(entry);
            out.write(data);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

}
