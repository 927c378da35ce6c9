package dev.jbuild.transfer.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.transfer.EngineLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.util.Timeout;

/**
 * The Docker Engine API, the two calls {@code build --load} needs: {@code GET /_ping} (does an engine
 * answer here?) and {@code POST /images/load} (the archive {@code docker save} writes, streamed as the
 * request body; the engine answers with a stream of JSON messages, an error among them when it refused
 * the archive). Spoken over HTTP/1.1 with Apache HttpClient, on a unix socket or plain TCP.
 */
final class EngineApi implements AutoCloseable {
    /** An engine that is there accepts at once; one that is not is refused at once, or never answers. */
    private static final Timeout CONNECT = Timeout.ofSeconds(3);
    private static final Timeout PING = Timeout.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpHost host;
    private final RequestConfig defaults;
    private final CloseableHttpClient client;

    EngineApi(URI endpoint) {
        this.endpoint = endpoint;
        RequestConfig.Builder config = RequestConfig.custom().setResponseTimeout(Timeout.DISABLED);
        if ("unix".equals(endpoint.getScheme())) {
            config.setUnixDomainSocket(Path.of(endpoint.getPath()));
            this.host = new HttpHost("http", "localhost", 80); // the socket is the address; the name is the Host header
        } else {
            this.host = new HttpHost("http", endpoint.getHost(), endpoint.getPort() < 0 ? 2375 : endpoint.getPort());
        }
        this.defaults = config.build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT).build())
                        .build())
                .setDefaultRequestConfig(defaults)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** Whether an engine answers {@code /_ping} here. */
    boolean answers() {
        HttpGet ping = new HttpGet("/_ping");
        ping.setConfig(RequestConfig.copy(defaults).setResponseTimeout(PING).build());
        try {
            return client.execute(host, ping, response -> response.getCode() == 200);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Loads the archive {@code archive} writes; what the engine says ({@code Loaded image: NAME}) goes
     * to {@code messages}.
     *
     * @throws EngineLoadException the engine refused the archive, or the connection broke
     */
    void load(ArchiveWriter archive, Consumer<String> messages) {
        HttpPost post = new HttpPost("/images/load");
        post.setEntity(new EntityTemplate(-1, ContentType.create("application/x-tar"), null, archive::writeTo));
        String refused;
        try {
            refused = client.execute(host, post, response -> answer(response, messages));
        } catch (IOException e) {
            throw new EngineLoadException("the Docker engine at " + endpoint + " stopped taking the image: "
                    + e.getMessage(), e);
        }
        if (refused != null) {
            throw new EngineLoadException("the Docker engine at " + endpoint + " refused the image: " + refused);
        }
    }

    /** The engine's refusal, or null when it loaded the archive; its progress messages go to {@code messages}. */
    private static String answer(ClassicHttpResponse response, Consumer<String> messages) throws IOException {
        if (response.getEntity() == null) {
            return response.getCode() == 200 ? null : "HTTP " + response.getCode();
        }
        try (InputStream body = response.getEntity().getContent()) {
            if (response.getCode() != 200) {
                JsonNode error = JSON.readTree(body);
                return error != null && error.path("message").isTextual() ? error.get("message").asText()
                        : "HTTP " + response.getCode();
            }
            String refused = null;
            try (MappingIterator<JsonNode> stream = JSON.readerFor(JsonNode.class).readValues(body)) {
                while (stream.hasNextValue()) {
                    JsonNode message = stream.nextValue();
                    if (message.path("error").isTextual()) {
                        refused = message.get("error").asText();
                    } else if (message.path("stream").isTextual() && !message.get("stream").asText().isBlank()) {
                        messages.accept(message.get("stream").asText().strip());
                    }
                }
            }
            return refused;
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
