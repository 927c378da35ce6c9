package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        // The client reads responses in buffers of this size (16 kB by default): a layer of hundreds of
        // megabytes then costs tens of thousands of hand-offs between the selector and the reader.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", String.valueOf(256 * 1024));
        }
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

    /** One request; the body is a supplier so that a retry can send it again. */
    record Request(String method, String target, Map<String, String> headers,
                   Supplier<HttpRequest.BodyPublisher> body, List<String> scopes, boolean retry, Duration timeout) {
        static Request get(String path, List<String> scopes, Map<String, String> headers) {
            return new Request("GET", path, headers, null, scopes, true, null);
        }

        static Request head(String path, List<String> scopes) {
            return new Request("HEAD", path, Map.of(), null, scopes, true, Duration.ofSeconds(60));
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

    int settingsRetryAttempts() {
        return settings.retry().attempts();
    }

    /** The endpoint in use (after the first request), for messages. */
    RegistryHost.Endpoint endpoint() {
        return chosen != null ? chosen : endpoints.get(0);
    }

    /**
     * Sends the request (authorised, retried as allowed, redirects followed) and returns the final
     * response; its body must be closed by the caller.
     */
    HttpResponse<InputStream> send(Request request) throws IOException {
        RetryLoop loop = new RetryLoop();
        while (true) {
            HttpResponse<InputStream> response;
            try {
                response = sendOnce(request);
            } catch (IOException e) {
                if (request.retry() && retryable(e) && loop.again(null)) {
                    continue;
                }
                throw unreachable(e);
            }
            int status = response.statusCode();
            if (request.retry() && (status >= 500 || status == 429)
                    && loop.again(response.headers().firstValue("Retry-After").orElse(null))) {
                response.body().close();
                continue;
            }
            return response;
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
        RetryLoop loop = new RetryLoop();
        while (true) {
            try {
                counter.count(request.method(), request.uri());
                HttpResponse<InputStream> response = call(client(endpoint()), request);
                if ((response.statusCode() >= 500 || response.statusCode() == 429) && loop.again(null)) {
                    response.body().close();
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (retryable(e) && loop.again(null)) {
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
                // No h2c upgrade dance with a plain registry; and a context that trusts nothing, because
                // the client sets one up even when it never speaks TLS, and the default one reads the
                // system's whole CA bundle first (a tenth of a second of a short command).
                builder.version(HttpClient.Version.HTTP_1_1).sslContext(TrustStores.trustingNothing());
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

    /** Counts attempts and sleeps between them. */
    private final class RetryLoop {
        private int failures;

        boolean again(String retryAfter) throws InterruptedIOException {
            failures++;
            if (failures >= settings.retry().attempts()) {
                return false;
            }
            Duration delay = settings.retry().delay(failures);
            if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter));
                delay = asked.compareTo(settings.retry().maxDelay()) > 0 ? settings.retry().maxDelay() : asked;
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry " + registry);
            }
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

    /** The one line for a registry nobody answers for, after the retries. */
    RegistryException unreachable(IOException e) {
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
                + ") after " + settings.retry().attempts() + " attempts; try again", e);
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
