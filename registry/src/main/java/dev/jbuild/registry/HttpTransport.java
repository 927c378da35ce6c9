package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP to one registry: picks the first of its endpoints that answers (HTTPS, then plain HTTP where
 * that is allowed), answers 401 challenges through the {@link Authorizer}, and tries a request again
 * with backoff after a refused or reset connection, a 5xx or a 429. Redirects are followed by hand so
 * that the registry's Authorization header never goes to the storage a blob is redirected to.
 */
final class HttpTransport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    static {
        HttpClientProperties.set();
    }
    private static final int MAX_REDIRECTS = 5;

    private final String registry;
    private final List<RegistryHost.Endpoint> endpoints;
    private final RegistrySettings settings;
    private final Authorizer authorizer;
    private final Map<URI, HttpClient> clients = new ConcurrentHashMap<>();
    private final RequestCounter counter;
    private final ThreadGroup threads;
    private volatile RegistryHost.Endpoint chosen;

    /** Counts requests, for tests and for the quiet "nothing to upload" report. */
    interface RequestCounter {
        void count(String method, URI uri);

        RequestCounter NONE = (method, uri) -> { };
    }

    /**
     * One request; the body is a supplier so that a retry can send it again.
     *
     * @param what the operation, as messages name it ({@code fetching the manifest of app:1})
     */
    record Request(String method, String target, Map<String, String> headers,
                   Supplier<HttpRequest.BodyPublisher> body, List<String> scopes, boolean retry, Duration timeout,
                   String what) {
        static Request get(String path, List<String> scopes, Map<String, String> headers, String what) {
            return new Request("GET", path, headers, null, scopes, true, null, what);
        }

        static Request head(String path, List<String> scopes, String what) {
            return new Request("HEAD", path, Map.of(), null, scopes, true, Duration.ofSeconds(60), what);
        }
    }

    /** A response read whole (a document, an error, an empty body), with what the caller needs of it. */
    record Answer(int status, HttpHeaders headers, byte[] body, URI uri) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /**
     * @param threads the group the clients' selector threads are made in, which {@link Registries#close}
     *     stops
     */
    HttpTransport(String registry, List<RegistryHost.Endpoint> endpoints, RegistrySettings settings,
                  Authorizer authorizer, RequestCounter counter, ThreadGroup threads) {
        this.threads = threads;
        this.registry = registry;
        this.endpoints = List.copyOf(endpoints);
        this.settings = settings;
        this.authorizer = authorizer;
        this.counter = counter;
    }

    String registry() {
        return registry;
    }

    RegistrySettings.RetryPolicy retryPolicy() {
        return settings.retry();
    }

    /** The endpoint in use (after the first request), for messages. */
    RegistryHost.Endpoint endpoint() {
        return chosen != null ? chosen : endpoints.get(0);
    }

    /**
     * Sends the request (authorised, retried as allowed, redirects followed) and returns the final
     * response; its body must be closed by the caller. A retried request that still gets a 5xx or 429
     * when its attempts are spent fails here, with one line saying so.
     */
    HttpResponse<InputStream> send(Request request) throws IOException {
        return send(request, new RetryLoop(request.retry()));
    }

    /**
     * As {@link #send(Request)}, with the body read whole (at most {@code limit} bytes): a connection that
     * drops while the body arrives is tried again as a whole, like one that drops before.
     */
    Answer document(Request request, int limit) throws IOException {
        RetryLoop loop = new RetryLoop(request.retry());
        while (true) {
            HttpResponse<InputStream> response = send(request, loop);
            try {
                return new Answer(response.statusCode(), response.headers(), readSmall(response, limit), response.uri());
            } catch (RegistryProtocolException tooLarge) {
                throw tooLarge;
            } catch (IOException e) {
                if (!loop.retries(e)) {
                    throw unreachable(e, loop.attempts());
                }
            }
        }
    }

    private HttpResponse<InputStream> send(Request request, RetryLoop loop) throws IOException {
        while (true) {
            HttpResponse<InputStream> response;
            try {
                response = sendOnce(request);
            } catch (IOException e) {
                if (loop.retries(e)) {
                    continue;
                }
                throw unreachable(e, loop.attempts());
            }
            int status = response.statusCode();
            if (!request.retry() || !StatusText.isTransient(status)) {
                return response;
            }
            Duration asked = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            byte[] error = drain(response);
            if (!loop.again(asked)) {
                throw new RegistryProtocolException(request.what() + " on " + registry + " failed: the registry answered "
                        + StatusText.of(status) + " " + loop.attempts() + " times" + RegistryClient.errorDetail(error)
                        + "; it is overloaded or failing, try again later", status, asked);
            }
        }
    }

    /** Reads a body of at most {@code limit} bytes. */
    static byte[] readSmall(HttpResponse<InputStream> response, int limit) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new RegistryProtocolException("the registry sent more than " + limit + " bytes for a document",
                        response.statusCode());
            }
            return bytes;
        }
    }

    /** The start of an error body (for its message), the rest thrown away; nothing when it cannot be read. */
    private static byte[] drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(1 << 16);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private HttpResponse<InputStream> sendOnce(Request request) throws IOException {
        RegistryHost.Endpoint endpoint = chosen;
        if (endpoint != null) {
            return authorised(endpoint, request);
        }
        IOException first = null;
        for (int i = 0; i < endpoints.size(); i++) {
            RegistryHost.Endpoint candidate = endpoints.get(i);
            try {
                HttpResponse<InputStream> response = authorised(candidate, request);
                if (candidate.plainHttp() && i + 1 < endpoints.size() && speaksOnlyTls(response)) {
                    continue;
                }
                chosen = candidate;
                return response;
            } catch (SSLHandshakeException e) {
                if (isCertificateProblem(e)) {
                    throw new RegistryUnreachableException("the TLS certificate of " + candidate.hostPort()
                            + " is not trusted (" + rootMessage(e) + "): put its CA certificate in "
                            + settings.certsDirectory().resolve(candidate.hostPort()).resolve("ca.crt")
                            + " or pass --registry-ca FILE", e);
                }
                first = first == null ? e : first;
            } catch (SSLException | ConnectException | HttpConnectTimeoutException e) {
                first = first == null ? e : first; // HTTPS spoken to a plain HTTP registry, or nobody there
            }
        }
        throw first != null ? first : new IOException("no endpoint of " + registry + " answered");
    }

    /**
     * Go's TLS servers answer a plain HTTP request with a bare 400 ("Client sent an HTTP request to an
     * HTTPS server"), without the API version header every answer of the registry itself carries.
     */
    private static boolean speaksOnlyTls(HttpResponse<InputStream> response) throws IOException {
        if (response.statusCode() != 400 || response.headers().firstValue("Docker-Distribution-Api-Version").isPresent()) {
            return false;
        }
        response.body().close();
        return true;
    }

    private HttpResponse<InputStream> authorised(RegistryHost.Endpoint endpoint, Request request) throws IOException {
        String header = authorizer.cachedHeader(request.scopes());
        HttpResponse<InputStream> response = exchange(endpoint, request, header);
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
        response.body().close();
        header = authorizer.answer(challenge, request.scopes(), this);
        response = exchange(endpoint, request, header);
        if (response.statusCode() == 401) {
            response.body().close();
            throw new AuthenticationFailedException(registry + " refused the credentials (401 Unauthorized): wrong user "
                    + "name or password? run 'jbuild login " + registry + "'");
        }
        return response;
    }

    private HttpResponse<InputStream> exchange(RegistryHost.Endpoint endpoint, Request request, String authorization)
            throws IOException {
        URI uri = endpoint.base().resolve(request.target());
        boolean sameHost = true;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
            if (request.timeout() != null) {
                builder.timeout(request.timeout());
            }
            request.headers().forEach(builder::header);
            if (authorization != null && sameHost) {
                builder.header("Authorization", authorization);
            }
            HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : request.body().get();
            builder.method(request.method(), body);
            counter.count(request.method(), uri);
            HttpResponse<InputStream> response = call(client(endpoint), builder.build());
            int status = response.statusCode();
            boolean redirect = (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && (request.method().equals("GET") || request.method().equals("HEAD"));
            if (!redirect || redirects >= MAX_REDIRECTS) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            response.body().close();
            if (location == null) {
                throw new RegistryProtocolException(registry + " answered " + status + " without a Location", status);
            }
            URI next = uri.resolve(location);
            sameHost = sameHost && next.getHost() != null && next.getHost().equalsIgnoreCase(uri.getHost())
                    && next.getPort() == uri.getPort();
            uri = next;
        }
    }

    /** A request with no registry authorisation (the token server), retried on connection failures. */
    HttpResponse<InputStream> sendRaw(HttpRequest request, String what) throws IOException {
        RetryLoop loop = new RetryLoop(true);
        while (true) {
            try {
                counter.count(request.method(), request.uri());
                HttpResponse<InputStream> response = call(client(endpoint()), request);
                if (StatusText.isTransient(response.statusCode()) && loop.again(RetryAfter.parse(
                        response.headers().firstValue("Retry-After").orElse(null), Instant.now()))) {
                    response.body().close();
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (loop.retries(e)) {
                    continue;
                }
                throw new RegistryUnreachableException("cannot reach the " + what + " at " + request.uri().getHost()
                        + ": " + rootMessage(e), e);
            }
        }
    }

    private static HttpResponse<InputStream> call(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + request.uri().getHost());
        }
    }

    private HttpClient client(RegistryHost.Endpoint endpoint) {
        return clients.computeIfAbsent(endpoint.base(), base -> {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (endpoint.plainHttp()) {
                // No h2c upgrade dance with a plain registry; and an SSL context that is set up only if
                // TLS is ever asked of it, because the client sets one up even when it never speaks TLS,
                // and the default one reads the system's whole CA bundle first (a tenth of a second of a
                // short command).
                builder.version(HttpClient.Version.HTTP_1_1).sslContext(PlainHttpSslContext.create())
                        .sslParameters(PlainHttpSslContext.parameters());
            } else {
                builder.version(HttpClient.Version.HTTP_2).sslContext(TrustStores.forHost(endpoint.hostPort(), settings));
            }
            return buildIn(threads, builder);
        });
    }

    /**
     * Builds the client on a thread of {@code group}, so that its selector thread (which the client
     * starts in the group of the thread that builds it) belongs to that group too.
     */
    private static HttpClient buildIn(ThreadGroup group, HttpClient.Builder builder) {
        HttpClient[] built = new HttpClient[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread thread = new Thread(group, () -> {
            try {
                built[0] = builder.build();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "jbuild-http-setup");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while setting up HTTP");
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return built[0];
    }

    /** Counts the attempts of one request and sleeps between them, as the retry policy says. */
    private final class RetryLoop {
        private final int budget;
        private int failures;

        RetryLoop(boolean retry) {
            this.budget = retry ? settings.retry().attempts() : 1;
        }

        /** Attempts made so far. */
        int attempts() {
            return Math.max(1, failures);
        }

        /** Whether to try again after {@code e}, having waited. */
        boolean retries(IOException e) throws InterruptedIOException {
            return retryable(e) && again(null);
        }

        /** Counts a failed attempt; when the budget allows another, waits and says so. */
        boolean again(Duration asked) throws InterruptedIOException {
            failures++;
            if (failures >= budget) {
                return false;
            }
            settings.retry().pause(failures, asked, registry);
            return true;
        }
    }

    static boolean retryable(IOException e) {
        if (e instanceof InterruptedIOException && !(e instanceof java.net.http.HttpTimeoutException)) {
            return false;
        }
        if (e instanceof SSLHandshakeException || hasCause(e, UnknownHostException.class)
                || hasCause(e, UnresolvedAddressException.class)) {
            return false;
        }
        return true;
    }

    /** The one line for a registry nobody answers for, after {@code attempts} tries. */
    RegistryException unreachable(IOException e, int attempts) {
        if (e instanceof InterruptedIOException && !(e instanceof java.net.http.HttpTimeoutException)) {
            throw new RegistryException("interrupted while talking to " + registry, e);
        }
        String host = endpoint().hostPort();
        if (hasCause(e, UnknownHostException.class) || hasCause(e, UnresolvedAddressException.class)) {
            return new RegistryUnreachableException("cannot reach registry " + registry + ": unknown host " + host
                    + "; check the image name and your network/DNS", e);
        }
        if (hasCause(e, ConnectException.class)) {
            return new RegistryUnreachableException("cannot reach registry " + registry + " at " + host
                    + ": connection refused; is the registry running, and is the address right?", e);
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return new RegistryUnreachableException("cannot reach registry " + registry + " at " + host
                    + ": timed out; check your network or proxy", e);
        }
        if (e instanceof SSLException) {
            return new RegistryUnreachableException("cannot reach registry " + registry + " at " + host
                    + " over TLS (" + rootMessage(e) + "); if it serves plain HTTP, list it in \"insecure-registries\" "
                    + "of " + "the registry settings file", e);
        }
        return new RegistryUnreachableException("lost the connection to registry " + registry + " (" + rootMessage(e)
                + ")" + (attempts > 1 ? " " + attempts + " times" : "") + "; try again later", e);
    }

    private static boolean isCertificateProblem(SSLHandshakeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || (t.getMessage() != null && t.getMessage().contains("PKIX"))) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isEmpty() ? root.getClass().getSimpleName() : message;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
