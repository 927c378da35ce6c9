package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-<name>} program, spoken to as the Docker CLI does: the verb as the only
 * argument ({@code get}, {@code store}, {@code erase}), the server URL or a JSON document on stdin,
 * JSON on stdout. What the program prints on failure may contain a secret, so it is never repeated.
 */
final class CredentialHelper {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The message helpers print for a server they know nothing of. */
    private static final String NOT_FOUND = "credentials not found in native keychain";

    private final String program;
    private final List<java.nio.file.Path> searchPath;

    CredentialHelper(String name, List<java.nio.file.Path> searchPath) {
        this.program = "docker-credential-" + name;
        this.searchPath = searchPath;
    }

    Optional<Credentials> get(String serverUrl) throws IOException {
        Result result = run("get", serverUrl.getBytes(StandardCharsets.UTF_8));
        if (result.exit() != 0) {
            if (result.output().contains(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new RegistryException(program + " get failed (exit " + result.exit() + ") for " + serverUrl);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(result.output());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RegistryException(program + " get printed something that is not JSON");
        }
        String user = answer.path("Username").asText("");
        String secret = answer.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        // A helper that holds an identity token reports the user as "<token>".
        if (user.equals("<token>")) {
            return Optional.of(new Credentials("", "", secret));
        }
        return Optional.of(new Credentials(user, secret));
    }

    void store(String serverUrl, Credentials credentials) throws IOException {
        byte[] doc = JSON.writeValueAsBytes(JSON.createObjectNode().put("ServerURL", serverUrl)
                .put("Username", credentials.username()).put("Secret", credentials.secret()));
        Result result = run("store", doc);
        if (result.exit() != 0) {
            throw new RegistryException(program + " store failed (exit " + result.exit() + ") for " + serverUrl);
        }
    }

    boolean erase(String serverUrl) throws IOException {
        Result result = run("erase", serverUrl.getBytes(StandardCharsets.UTF_8));
        if (result.exit() != 0 && !result.output().contains(NOT_FOUND)) {
            throw new RegistryException(program + " erase failed (exit " + result.exit() + ") for " + serverUrl);
        }
        return result.exit() == 0;
    }

    private record Result(int exit, String output) {
    }

    private Result run(String verb, byte[] input) throws IOException {
        java.nio.file.Path executable = searchPath.stream().map(dir -> dir.resolve(program))
                .filter(java.nio.file.Files::isExecutable).findFirst()
                .orElseThrow(() -> new RegistryException("the credential helper " + program + " named in Docker's "
                        + "config.json is not installed (not on PATH)"));
        Process process = new ProcessBuilder(List.of(executable.toString(), verb)).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RegistryException(program + " " + verb + " did not finish within a minute");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(program + " was interrupted");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
