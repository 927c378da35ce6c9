package dev.jbuild.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a CNI network configuration list the way the CNI spec (1.0) has a runtime run it, as libcni does for
 * Podman and BuildKit: ADD calls each plugin in order, each given the previous one's result as
 * {@code prevResult}; DEL calls them in reverse order with the list's final ADD result. A plugin is an
 * executable in the plugin directory, given its configuration on stdin and the command in {@code CNI_*}
 * environment variables; it answers with a result or an error object on stdout.
 */
final class CniPlugins {
    private final Path pluginDirectory;

    CniPlugins(Path pluginDirectory) {
        this.pluginDirectory = pluginDirectory;
    }

    Path directory() {
        return pluginDirectory;
    }

    /** One attachment: the container id, its namespace and the interface of each plugin. */
    record Attachment(String containerId, Path namespace) {
    }

    /** ADD for every plugin of {@code list}; returns the last plugin's result. */
    JsonNode add(ObjectNode list, Attachment attachment) throws IOException {
        JsonNode result = null;
        for (ObjectNode plugin : plugins(list)) {
            result = exec("ADD", pluginConfig(list, plugin, result), attachment, interfaceOf(plugin));
        }
        return result;
    }

    /**
     * DEL for every plugin of {@code list}, last first; each runs even if another failed (DEL must be
     * idempotent, and what one plugin set up does not depend on the others being gone).
     */
    void delete(ObjectNode list, Attachment attachment, JsonNode addResult) throws IOException {
        List<ObjectNode> plugins = plugins(list);
        FirstFailure failures = new FirstFailure();
        for (int i = plugins.size() - 1; i >= 0; i--) {
            try {
                exec("DEL", pluginConfig(list, plugins.get(i), addResult), attachment, interfaceOf(plugins.get(i)));
            } catch (IOException | ExecutorException e) {
                failures.add(e);
            }
        }
        failures.rethrow();
    }

    private static List<ObjectNode> plugins(ObjectNode list) {
        List<ObjectNode> plugins = new ArrayList<>();
        for (JsonNode plugin : (ArrayNode) list.get("plugins")) {
            plugins.add((ObjectNode) plugin);
        }
        return plugins;
    }

    /** The loopback plugin configures {@code lo}; every other one the step's {@code eth0}. */
    private static String interfaceOf(ObjectNode plugin) {
        return "loopback".equals(plugin.path("type").asText()) ? "lo" : "eth0";
    }

    private static ObjectNode pluginConfig(ObjectNode list, ObjectNode plugin, JsonNode previous) {
        ObjectNode config = plugin.deepCopy();
        config.put("cniVersion", list.get("cniVersion").asText());
        config.put("name", list.get("name").asText());
        if (previous != null) {
            config.set("prevResult", previous);
        }
        return config;
    }

    private JsonNode exec(String command, ObjectNode config, Attachment attachment, String interfaceName)
            throws IOException {
        String type = config.get("type").asText();
        Path plugin = pluginDirectory.resolve(type);
        if (!Files.isExecutable(plugin)) {
            throw new ExecutorException("CNI plugin " + type + " not found in " + pluginDirectory
                    + " (apt-get install -y containernetworking-plugins)");
        }
        ProcessBuilder builder = new ProcessBuilder(plugin.toString()).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", attachment.containerId());
        env.put("CNI_NETNS", attachment.namespace() == null ? "" : attachment.namespace().toString());
        env.put("CNI_IFNAME", interfaceName);
        env.put("CNI_PATH", pluginDirectory.toString());
        Process process = builder.start();
        // Read beside stdout, so that a plugin filling the stderr pipe cannot stall both sides.
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            in.write(CniJson.MAPPER.writeValueAsBytes(config));
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = stderr.join();
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("CNI plugin " + type + " " + command + " interrupted");
        }
        if (exit != 0) {
            throw new ExecutorException("CNI plugin " + type + " " + command + " failed: " + errorText(out, err));
        }
        return out.length == 0 ? null : CniJson.MAPPER.readTree(out);
    }

    /** The {@code msg} and {@code details} of the error object a plugin prints, else what it printed. */
    private static String errorText(byte[] out, byte[] err) {
        try {
            JsonNode error = CniJson.MAPPER.readTree(out);
            if (error != null && error.has("msg")) {
                String details = error.path("details").asText("");
                return error.get("msg").asText() + (details.isEmpty() ? "" : ": " + details);
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        String text = (new String(out) + " " + new String(err)).strip();
        return text.isEmpty() ? "no output" : text;
    }
}
