package dev.jbuild.transfer.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach the Docker engine the user's {@code docker} command would reach: its Engine API on a
 * unix socket or plain TCP, or only through the {@code docker} CLI (an {@code ssh://} host, TLS, or a
 * Docker context other than the default, which the CLI resolves).
 *
 * @param api where to speak the Engine API; null when only the CLI knows the way
 * @param why for the CLI-only routes, what sends the load through the CLI ({@code the Docker context
 *     "remote"}); null otherwise
 */
record EngineRoute(URI api, String why) {
    static final URI DEFAULT_SOCKET = URI.create("unix:///var/run/docker.sock");

    /** The route Docker's own client takes in this environment ({@code DOCKER_HOST}, contexts, the default socket). */
    static EngineRoute of(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        if (host != null && !host.isEmpty()) {
            URI uri = URI.create(host);
            boolean tls = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
            if ("unix".equals(uri.getScheme()) || "tcp".equals(uri.getScheme()) && !tls) {
                return new EngineRoute(uri, null);
            }
            return new EngineRoute(null, "DOCKER_HOST=" + host);
        }
        String context = currentContext(env);
        if (context != null && !context.isEmpty() && !context.equals("default")) {
            return new EngineRoute(null, "the Docker context \"" + context + "\"");
        }
        return new EngineRoute(DEFAULT_SOCKET, null);
    }

    /** {@code DOCKER_CONTEXT}, else the {@code currentContext} of Docker's config.json, else null. */
    private static String currentContext(Map<String, String> env) {
        String named = env.get("DOCKER_CONTEXT");
        if (named != null && !named.isEmpty()) {
            return named;
        }
        String dir = env.get("DOCKER_CONFIG");
        Path config = dir != null && !dir.isEmpty() ? Path.of(dir, "config.json")
                : env.get("HOME") != null ? Path.of(env.get("HOME"), ".docker", "config.json") : null;
        if (config == null || !Files.isRegularFile(config)) {
            return null;
        }
        try {
            JsonNode current = new ObjectMapper().readTree(config.toFile()).path("currentContext");
            return current.isTextual() ? current.asText() : null;
        } catch (IOException e) {
            return null; // the CLI reports a broken config itself; the default socket is what is left
        }
    }
}
