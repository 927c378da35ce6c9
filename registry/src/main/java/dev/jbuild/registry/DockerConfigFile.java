package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json})
 * read and written as the Docker CLI does: credentials for a registry come from its
 * {@code credHelpers} entry, else the {@code credsStore}, else {@code auths.<registry>.auth} (base64
 * of {@code user:password}). Writing keeps every other key of the file as it was, goes through a temp
 * file renamed into place, and leaves the file readable by its owner only.
 */
public final class DockerConfigFile {
    /**
     * Reading goes through {@link JsonTrees}; only a write (login, logout) builds an object mapper, which
     * costs a short command tens of milliseconds.
     */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Path file;
    private final java.util.List<Path> helperPath;

    /** @param helperPath where {@code docker-credential-*} programs are looked for */
    public DockerConfigFile(Path directory, java.util.List<Path> helperPath) {
        this.file = directory.resolve("config.json");
        this.helperPath = java.util.List.copyOf(helperPath);
    }

    public Path file() {
        return file;
    }

    /** The credentials stored for {@code domain}, if any. */
    public Optional<Credentials> credentials(String domain) throws IOException {
        ObjectNode root = read();
        String key = RegistryHost.authKey(domain);
        Optional<String> helper = helperFor(root, key, domain);
        if (helper.isPresent()) {
            return new CredentialHelper(helper.get(), helperPath).get(key);
        }
        JsonNode entry = authEntry(root, key, domain);
        if (entry == null) {
            return Optional.empty();
        }
        String identity = text(entry, "identitytoken");
        String auth = text(entry, "auth");
        if (auth != null && !auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(file + ": the auth entry for " + key + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(file + ": the auth entry for " + key + " is not user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), identity));
        }
        String user = text(entry, "username");
        String password = text(entry, "password");
        if (user != null && password != null) {
            return Optional.of(new Credentials(user, password, identity));
        }
        if (identity != null && !identity.isEmpty()) {
            return Optional.of(new Credentials(user == null ? "" : user, "", identity));
        }
        return Optional.empty();
    }

    /** {@code login}: stores the credentials where Docker would (the helper or store when configured). */
    public void store(String domain, Credentials credentials) throws IOException {
        ObjectNode root = read();
        String key = RegistryHost.authKey(domain);
        Optional<String> helper = helperFor(root, key, domain);
        ObjectNode auths = root.with("auths");
        if (helper.isPresent()) {
            new CredentialHelper(helper.get(), helperPath).store(key, credentials);
            auths.putObject(key); // Docker leaves an empty entry, so that 'docker info' lists the registry
        } else {
            ObjectNode entry = auths.putObject(key);
            entry.put("auth", Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        write(root);
    }

    /** {@code logout}: removes the credentials; false when there were none. */
    public boolean erase(String domain) throws IOException {
        ObjectNode root = read();
        String key = RegistryHost.authKey(domain);
        Optional<String> helper = helperFor(root, key, domain);
        boolean had = false;
        if (helper.isPresent()) {
            had = new CredentialHelper(helper.get(), helperPath).erase(key);
        }
        JsonNode auths = root.get("auths");
        if (auths instanceof ObjectNode object) {
            had |= object.remove(key) != null;
            if (!key.equals(domain)) {
                had |= object.remove(domain) != null;
            }
        }
        if (had) {
            write(root);
        }
        return had;
    }

    private static Optional<String> helperFor(JsonNode root, String key, String domain) {
        JsonNode helpers = root.get("credHelpers");
        if (helpers != null) {
            for (String name : new String[] {key, domain}) {
                String helper = text(helpers, name);
                if (helper != null && !helper.isEmpty()) {
                    return Optional.of(helper);
                }
            }
        }
        String store = text(root, "credsStore");
        return store == null || store.isEmpty() ? Optional.empty() : Optional.of(store);
    }

    /** {@code auths} entries may be keyed by a URL ({@code https://host/v1/}) or the bare host. */
    private static JsonNode authEntry(JsonNode root, String key, String domain) {
        JsonNode auths = root.get("auths");
        if (auths == null || !auths.isObject()) {
            return null;
        }
        JsonNode exact = auths.get(key);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String host = entry.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (host.equals(domain)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private ObjectNode read() throws IOException {
        try {
            JsonNode root = JsonTrees.read(Files.readAllBytes(file));
            if (root instanceof ObjectNode object) {
                return object;
            }
            throw new RegistryException(file + " is not a JSON object");
        } catch (NoSuchFileException e) {
            return JsonNodeFactory.instance.objectNode();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RegistryException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void write(ObjectNode root) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, Writer.JSON.writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
