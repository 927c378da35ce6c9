package dev.jbuild.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on 127.0.0.1 in front of a plain HTTP registry, for what a registry cannot be made
 * to do by itself: it records every request (to count them); a {@link Refusal} may answer a request
 * itself before the registry sees it (429 with Retry-After, 503, or a connection dropped halfway through
 * the request body), and a {@link Fault} may corrupt a response on the way or cut it halfway. Location
 * headers are rewritten so uploads come back through it.
 */
public final class LoopbackProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect", "te", "trailer", "proxy-connection");

    /** What the proxy does to one response. */
    public interface Fault {
        /** @return the action for this request */
        Action on(String method, String path, String range);

        Fault NONE = (method, path, range) -> Action.PASS;
    }

    public enum Action { PASS, CORRUPT, CUT_HALFWAY }

    /** What the proxy does with a request before the registry sees it. */
    public interface Refusal {
        Early on(String method, String path);

        Refusal NONE = (method, path) -> Early.PASS;
    }

    /**
     * {@code TOO_MANY_REQUESTS}: 429 with the proxy's {@link #retryAfter} header; {@code UNAVAILABLE}:
     * 503; {@code DROP_REQUEST}: half the request body read, then the connection closed unanswered.
     */
    public enum Early { PASS, TOO_MANY_REQUESTS, UNAVAILABLE, DROP_REQUEST }

    /** One request as seen. */
    public record Seen(String method, String path, int status) {
    }

    private final HttpServer server;
    private final String upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Fault fault = Fault.NONE;
    private volatile Refusal refusal = Refusal.NONE;
    private volatile String retryAfter = "1";

    public LoopbackProxy(String upstreamBase) throws IOException {
        this.upstream = upstreamBase;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public void fault(Fault value) {
        this.fault = value;
    }

    public void refuse(Refusal value) {
        this.refusal = value;
    }

    /** The {@code Retry-After} value sent with a 429 (seconds or an HTTP date). */
    public void retryAfter(String value) {
        this.retryAfter = value;
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public void reset() {
        seen.clear();
    }

    /** Requests with this method whose path contains {@code part}. */
    public long count(String method, String part) {
        return seen().stream().filter(s -> s.method().equals(method) && s.path().contains(part)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String target = upstream + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Early early = refusal.on(method, uri.getPath());
        if (early != Early.PASS) {
            answerEarly(exchange, method, uri.getPath(), early);
            return;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            InputStream body = exchange.getRequestBody();
            HttpRequest.BodyPublisher publisher = length != null && !length.equals("0")
                    ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                    Long.parseLong(length))
                    : method.equals("GET") || method.equals("HEAD") || "0".equals(length)
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofInputStream(() -> body);
            request.method(method, publisher);
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            seen.add(new Seen(method, uri.getPath(), response.statusCode()));
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (HOP_BY_HOP.contains(lower) || lower.equals(":status")) {
                    return;
                }
                for (String value : values) {
                    exchange.getResponseHeaders().add(name, lower.equals("location")
                            ? value.replace(upstream, "http://" + host()) : value);
                }
            });
            long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            Action action = fault.on(method, uri.getPath(), exchange.getRequestHeaders().getFirst("Range"));
            try (InputStream in = response.body()) {
                if (method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304) {
                    exchange.sendResponseHeaders(response.statusCode(), -1);
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                exchange.sendResponseHeaders(response.statusCode(), contentLength > 0 ? contentLength
                        : contentLength == 0 ? -1 : 0);
                OutputStream out = exchange.getResponseBody();
                if (action == Action.CUT_HALFWAY && contentLength > 0) {
                    out.write(in.readNBytes((int) (contentLength / 2)));
                    out.flush();
                    // Closing the socket under a response that promised more bytes: the client sees a cut.
                    throw new CutConnection();
                }
                if (action == Action.CORRUPT) {
                    byte[] bytes = in.readAllBytes();
                    if (bytes.length > 0) {
                        bytes[bytes.length / 2] ^= 0x20;
                    }
                    out.write(bytes);
                } else {
                    in.transferTo(out);
                }
                out.close();
            }
        } catch (CutConnection e) {
            throw new IOException("cut on purpose"); // HttpServer drops the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            seen.add(new Seen(method, uri.getPath(), 502));
            try {
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException ignored) {
                // headers were sent already: the connection just ends
            }
            exchange.close();
        }
    }

    private static final class CutConnection extends RuntimeException {
    }

    private void answerEarly(HttpExchange exchange, String method, String path, Early early) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            if (early == Early.DROP_REQUEST) {
                String length = exchange.getRequestHeaders().getFirst("Content-Length");
                body.readNBytes(length == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(length) / 2));
                seen.add(new Seen(method, path, 0));
                throw new IOException("dropped on purpose"); // HttpServer closes the connection unanswered
            }
            body.transferTo(OutputStream.nullOutputStream());
        }
        int status = early == Early.TOO_MANY_REQUESTS ? 429 : 503;
        if (early == Early.TOO_MANY_REQUESTS) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] error = ("{\"errors\":[{\"code\":\"" + (status == 429 ? "TOOMANYREQUESTS" : "UNAVAILABLE")
                + "\",\"message\":\"" + (status == 429 ? "slow down" : "try later") + "\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        seen.add(new Seen(method, path, status));
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, error.length);
            exchange.getResponseBody().write(error);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
