package dev.jbuild.builder.files;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads {@code ADD} URLs once per copier: the checksum step downloads (to hash the bytes) and the copy
 * step reuses the file. The file's time comes from {@code Last-Modified}, as in BuildKit's HTTP source.
 */
final class UrlFetcher {
    /** A downloaded file; {@code lastModified} is null when the server sent none. */
    record Fetched(Path file, Digest digest, FileTime lastModified) {}

    private final java.util.function.Supplier<HttpClient> clientFactory;
    private volatile HttpClient client;
    private final Map<String, Fetched> downloads = new ConcurrentHashMap<>();
    private volatile Path directory;

    /** The client is made on first download: building one costs about 0.15 s, and most builds never need it. */
    UrlFetcher(java.util.function.Supplier<HttpClient> clientFactory) {
        this.clientFactory = clientFactory;
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = clientFactory.get();
                }
                made = client;
            }
        }
        return made;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The download, fetched now or earlier by this copier. */
    Fetched fetch(String url) throws IOException {
        Fetched known = downloads.get(url);
        if (known != null && Files.exists(known.file())) {
            return known;
        }
        Fetched fetched = download(url);
        downloads.put(url, fetched);
        return fetched;
    }

    /**
     * Checks a download against {@code --checksum} ({@code sha256:}, {@code sha384:} or {@code sha512:}).
     *
     * @throws CopyException naming the expected and the actual digest
     */
    static void verify(String url, Path file, String expected) throws IOException {
        String algorithm = algorithmOf(expected);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new CopyException("unsupported digest algorithm in --checksum: " + expected);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String prefix = expected.substring(0, expected.indexOf(':') + 1);
        String actual = prefix + HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
            throw new CopyException("checksum mismatch for " + url + ": expected " + expected + ", got " + actual);
        }
    }

    /** Validates a {@code --checksum} value as go-digest does and names its JDK algorithm. */
    static String algorithmOf(String checksum) {
        int colon = checksum.indexOf(':');
        String prefix = colon < 0 ? "" : checksum.substring(0, colon);
        String hex = colon < 0 ? "" : checksum.substring(colon + 1);
        int length = switch (prefix) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> throw new CopyException("invalid checksum digest format: " + checksum);
        };
        if (hex.length() != length || !hex.matches("[0-9a-fA-F]+")) {
            throw new CopyException("invalid checksum digest format: " + checksum);
        }
        return switch (prefix) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            default -> "SHA-512";
        };
    }

    private Fetched download(String url) throws IOException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        } catch (IllegalArgumentException e) {
            throw new CopyException("invalid URL " + url + ": " + e.getMessage(), e);
        }
        HttpResponse<InputStream> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        } catch (IOException e) {
            throw new CopyException("failed to download " + url + ": " + e, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new CopyException("failed to download " + url + ": invalid response status "
                        + response.statusCode());
            }
            Path file = Files.createTempFile(directory(), "download", ".bin");
            file.toFile().deleteOnExit();
            MessageDigest sha = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                body.transferTo(out);
            }
            FileTime lastModified = lastModified(response.headers().firstValue("Last-Modified"));
            return new Fetched(file, Digest.finish(sha), lastModified);
        }
    }

    private static FileTime lastModified(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        try {
            return FileTime.from(ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return null; // BuildKit ignores an unparsable Last-Modified too
        }
    }

    private Path directory() throws IOException {
        Path d = directory;
        if (d == null) {
            synchronized (this) {
                if (directory == null) {
                    directory = Files.createTempDirectory("jbuild-add");
                    directory.toFile().deleteOnExit();
                }
                d = directory;
            }
        }
        return d;
    }
}
