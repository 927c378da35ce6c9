package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidDigestException;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The distribution-spec API of one registry: manifests by tag or digest, blobs (HEAD, resumable GET,
 * cross-repository mount, monolithic or chunked upload) and manifest upload. Knows nothing of the store
 * beyond its value types; {@link ImagePuller} and {@link ImagePusher} put the steps together.
 */
public final class RegistryClient {
    /** Everything jbuild can use, in Docker's order of preference; schema 1 is never asked for. */
    static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final int MANIFEST_LIMIT = 4 << 20;
    private static final Duration DOCUMENT_TIMEOUT = Duration.ofMinutes(2);
    private static final int SMALL = 1 << 16;

    private final HttpTransport http;

    RegistryClient(HttpTransport http) {
        this.http = http;
    }

    /** The registry as references name it ({@code 127.0.0.1:5000}, {@code docker.io}). */
    public String registry() {
        return http.registry();
    }

    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }

    /** A manifest or index as served: its bytes, media type and digest (computed, and checked against a digest reference). */
    public record FetchedManifest(byte[] bytes, String mediaType, Digest digest) {
    }

    /**
     * @param reference a tag or a digest ({@code sha256:...})
     * @throws NotFoundInRegistryException when the registry has no such manifest
     */
    public FetchedManifest manifest(String repository, String reference) throws IOException {
        String what = "fetching the manifest of " + repository + ":" + reference;
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("GET",
                "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", ACCEPT), null, pull(repository), true,
                DOCUMENT_TIMEOUT, what), MANIFEST_LIMIT);
        if (answer.status() == 404) {
            throw new NotFoundInRegistryException(registry() + "/" + repository + ":" + reference
                    + " not found: the registry has no such " + (reference.startsWith("sha256:") ? "digest" : "tag")
                    + " (" + errorText(answer.body(), "manifest unknown") + "); check the name and tag");
        }
        requireStatus(answer, 200, what);
        Digest digest = Digest.of(answer.body());
        if (reference.startsWith(Digest.ALGORITHM + ":") && !digest.value().equals(reference)) {
            throw new RegistryProtocolException(registry() + " served a manifest for " + reference + " whose digest is "
                    + digest + "; refusing it", 0);
        }
        String mediaType = answer.header("Content-Type").orElse("").split(";")[0].trim();
        return new FetchedManifest(answer.body(), mediaType, digest);
    }

    /** The digest the registry gives for a tag now (HEAD), or empty when it has no such tag. */
    public Optional<Digest> manifestDigest(String repository, String reference) throws IOException {
        String what = "checking " + repository + ":" + reference;
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("HEAD",
                "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", ACCEPT), null, pull(repository), true,
                DOCUMENT_TIMEOUT, what), 0);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        requireStatus(answer, 200, what);
        Optional<String> header = answer.header("Docker-Content-Digest");
        if (header.isPresent()) {
            try {
                return Optional.of(Digest.parse(header.get()));
            } catch (InvalidDigestException e) {
                // fall back to a GET below
            }
        }
        return Optional.of(manifest(repository, reference).digest());
    }

    /** Whether the repository has the blob (HEAD). */
    public boolean hasBlob(String repository, Digest digest, List<String> scopes) throws IOException {
        String what = "checking blob " + digest.shortId() + " in " + repository;
        HttpTransport.Answer answer = http.document(HttpTransport.Request.head(
                "/v2/" + repository + "/blobs/" + digest, scopes, what), 0);
        if (answer.status() == 200) {
            return true;
        }
        if (answer.status() == 404) {
            return false;
        }
        requireStatus(answer, 200, what);
        return false;
    }

    /**
     * The blob's bytes as served, resuming with a Range request where a connection drops. The caller
     * verifies digest and size (the store does, while writing).
     *
     * @param progress told the count of bytes received so far, as they arrive
     */
    public InputStream blob(String repository, Descriptor blob, LongConsumer progress) throws IOException {
        return new ResumingBlobStream(http, repository, blob, progress);
    }

    /**
     * Starts an upload, asking the registry to mount the blob from {@code fromRepository} when given.
     *
     * @return empty when the blob was mounted (nothing to upload), else the upload's location
     */
    Optional<String> startUpload(String repository, Digest digest, String fromRepository) throws IOException {
        String path = "/v2/" + repository + "/blobs/uploads/";
        List<String> scopes = push(repository);
        if (fromRepository != null) {
            path += "?mount=" + encode(digest.value()) + "&from=" + encode(fromRepository);
            scopes = List.of(scopes.get(0), "repository:" + fromRepository + ":pull");
        }
        String what = "starting the upload of blob " + digest.shortId() + " to " + repository;
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("POST", path,
                Map.of(), null, scopes, true, DOCUMENT_TIMEOUT, what), SMALL);
        if (answer.status() == 201 && fromRepository != null) {
            return Optional.empty();
        }
        requireStatus(answer, 202, what);
        return Optional.of(location(answer, "upload"));
    }

    /**
     * Uploads a blob from a file: in one PUT when {@code chunkSize} is 0 or the blob fits in one chunk,
     * else in PATCH chunks of that size and a closing PUT. Not retried here: a failed upload is started
     * again from the beginning by {@link BlobPusher}.
     */
    void upload(String repository, String location, Descriptor blob, Path file, long chunkSize, LongConsumer progress)
            throws IOException {
        List<String> scopes = push(repository);
        if (chunkSize <= 0 || blob.size() <= chunkSize) {
            String what = "uploading blob " + blob.digest().shortId() + " to " + repository;
            HttpTransport.Answer answer = http.document(new HttpTransport.Request("PUT",
                    withDigest(location, blob.digest()), Map.of("Content-Type", "application/octet-stream"),
                    () -> HttpRequest.BodyPublishers.fromPublisher(filePublisher(file, 0, blob.size(), progress),
                            blob.size()), scopes, false, null, what), SMALL);
            requireStatus(answer, 201, what);
            return;
        }
        String next = location;
        for (long offset = 0; offset < blob.size(); offset += chunkSize) {
            long length = Math.min(chunkSize, blob.size() - offset);
            long start = offset;
            String what = "uploading a chunk of blob " + blob.digest().shortId();
            HttpTransport.Answer answer = http.document(new HttpTransport.Request("PATCH", next,
                    Map.of("Content-Type", "application/octet-stream",
                            "Content-Range", start + "-" + (start + length - 1)),
                    () -> HttpRequest.BodyPublishers.fromPublisher(filePublisher(file, start, length, progress), length),
                    scopes, false, null, what), SMALL);
            requireStatus(answer, 202, what);
            next = location(answer, "upload");
        }
        String what = "finishing the upload of blob " + blob.digest().shortId();
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("PUT", withDigest(next, blob.digest()),
                Map.of(), null, scopes, false, DOCUMENT_TIMEOUT, what), SMALL);
        requireStatus(answer, 201, what);
    }

    /** Uploads a manifest (or index) under a tag or its digest; returns the digest the registry gives it. */
    public Digest putManifest(String repository, String reference, String mediaType, byte[] bytes) throws IOException {
        putManifestAnswer(repository, reference, mediaType, bytes);
        return Digest.of(bytes);
    }

    /**
     * Uploads a manifest that has a {@code subject}; true when the registry indexed it as a referrer
     * (it answers with an {@code OCI-Subject} header), false when the client must keep the referrers
     * tag itself, as the distribution spec says for registries without the referrers API.
     */
    boolean putManifestWithSubject(String repository, String mediaType, byte[] bytes) throws IOException {
        return putManifestAnswer(repository, Digest.of(bytes).value(), mediaType, bytes).header("OCI-Subject").isPresent();
    }

    private HttpTransport.Answer putManifestAnswer(String repository, String reference, String mediaType, byte[] bytes)
            throws IOException {
        String what = "uploading the manifest of " + repository + ":" + reference;
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("PUT",
                "/v2/" + repository + "/manifests/" + reference, Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(bytes), push(repository), true, DOCUMENT_TIMEOUT, what),
                SMALL);
        requireStatus(answer, 201, what);
        return answer;
    }

    /** Proves the credentials work ({@code login}): {@code GET /v2/} and whatever challenge it brings. */
    void ping() throws IOException {
        HttpTransport.Answer answer = http.document(new HttpTransport.Request("GET", "/v2/", Map.of(), null,
                List.of(), true, DOCUMENT_TIMEOUT, "checking the login"), SMALL);
        requireStatus(answer, 200, "checking the login");
    }

    private String location(HttpTransport.Answer answer, String what) {
        String location = answer.header("Location").orElse(null);
        if (location == null || location.isEmpty()) {
            throw new RegistryProtocolException(registry() + " started an " + what + " without a Location",
                    answer.status());
        }
        return answer.uri().resolve(location).toString();
    }

    private static String withDigest(String location, Digest digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + encode(digest.value());
    }

    /** A region of a file as a request body, telling {@code progress} the bytes sent. */
    private static java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> filePublisher(Path file, long offset,
                                                                                          long length,
                                                                                          LongConsumer progress) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new FileRegionInputStream(file, offset, length, progress);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Fails with the registry's own error text unless the status is the one expected. */
    void requireStatus(HttpTransport.Answer answer, int expected, String what) {
        int status = answer.status();
        if (status == expected) {
            return;
        }
        byte[] body = answer.body();
        String detail = errorText(body, "HTTP " + status);
        if (status == 401 || status == 403) {
            throw new AuthenticationFailedException(what + " on " + registry() + " was refused (" + status + ", "
                    + detail + "): check that you are logged in ('jbuild login " + registry()
                    + "') with rights to this repository");
        }
        if (status == 404) {
            throw new NotFoundInRegistryException(what + " on " + registry() + " failed: not found (" + detail + ")");
        }
        throw new RegistryProtocolException(what + " on " + registry() + " failed: " + StatusText.of(status)
                + errorDetail(body), status,
                RetryAfter.parse(answer.header("Retry-After").orElse(null), java.time.Instant.now()));
    }

    /** {@code " (message)"} from a distribution error document, or nothing. */
    static String errorDetail(byte[] body) {
        String text = errorText(body, "");
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    /** The {@code errors[].message} of a distribution error document, else {@code fallback}. */
    static String errorText(byte[] body, String fallback) {
        if (body.length == 0) {
            return fallback;
        }
        try {
            JsonNode doc = JsonTrees.read(body);
            JsonNode errors = doc == null ? null : doc.path("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                StringBuilder out = new StringBuilder();
                for (JsonNode error : errors) {
                    String message = error.path("message").asText(error.path("code").asText(""));
                    if (!message.isEmpty()) {
                        out.append(out.length() == 0 ? "" : "; ").append(message.toLowerCase(java.util.Locale.ROOT));
                    }
                }
                return out.length() == 0 ? fallback : out.toString();
            }
        } catch (IOException e) {
            // not JSON: say the status
        }
        return fallback;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
