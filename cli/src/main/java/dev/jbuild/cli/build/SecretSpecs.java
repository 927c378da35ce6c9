package dev.jbuild.cli.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --secret id=ID,src=FILE|env=VAR} and {@code --ssh ID[=SOCKET]} as Docker's CLI reads them. */
public final class SecretSpecs {
    private SecretSpecs() {
    }

    /**
     * One secret's id and bytes. Without {@code src} or {@code env}, the id names an environment
     * variable if one is set, else a file, as buildx does.
     */
    public static Map.Entry<String, byte[]> secret(String spec, Map<String, String> env) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid --secret \"" + spec + "\": expected id=ID,src=FILE or env=VAR");
            }
            fields.put(part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), part.substring(eq + 1).trim());
        }
        String id = fields.get("id");
        String file = fields.getOrDefault("src", fields.get("source"));
        String variable = fields.get("env");
        if (id == null) {
            id = file != null ? Path.of(file).getFileName().toString() : variable;
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("invalid --secret \"" + spec + "\": no id");
        }
        if (variable == null && file == null) {
            if (env.containsKey(id)) {
                variable = id;
            } else {
                file = id;
            }
        }
        if (variable != null) {
            String value = env.get(variable);
            if (value == null) {
                throw new IllegalArgumentException("secret " + id + ": environment variable " + variable + " is not set");
            }
            return Map.entry(id, value.getBytes(StandardCharsets.UTF_8));
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("secret " + id + ": cannot read " + file);
        }
        return Map.entry(id, Files.readAllBytes(path));
    }

    /** {@code default}, {@code default=/path/agent.sock} or {@code id=/path}: the agent socket of an id. */
    public static Map.Entry<String, Path> ssh(String spec, Map<String, String> env) {
        int eq = spec.indexOf('=');
        String id = eq < 0 ? spec : spec.substring(0, eq);
        String socket = eq < 0 ? env.get("SSH_AUTH_SOCK") : spec.substring(eq + 1);
        if (socket == null || socket.isEmpty()) {
            throw new IllegalArgumentException("--ssh " + spec + ": SSH_AUTH_SOCK is not set (start ssh-agent, or "
                    + "give the socket: --ssh " + id + "=/path/to/agent.sock)");
        }
        return Map.entry(id.isEmpty() ? "default" : id, Path.of(socket));
    }
}
