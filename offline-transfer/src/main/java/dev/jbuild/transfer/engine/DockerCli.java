package dev.jbuild.transfer.engine;

import dev.jbuild.transfer.EngineLoadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code docker load} through the {@code docker} CLI, which knows every way to an engine (contexts,
 * {@code ssh://}, TLS): the archive goes to its stdin, what it says to {@code messages}.
 */
final class DockerCli {
    private final Path docker;

    private DockerCli(Path docker) {
        this.docker = docker;
    }

    /** The docker CLI on the environment's PATH, as a shell would find it; null when there is none. */
    static DockerCli find(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new DockerCli(candidate);
            }
        }
        return null;
    }

    /** @throws EngineLoadException {@code docker load} failed; the message has its last words */
    void load(Map<String, String> env, ArchiveWriter archive, Consumer<String> messages) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(docker.toString(), "load").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        AtomicReference<String> last = new AtomicReference<>("");
        Thread relay = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (!line.isBlank()) {
                        last.set(line.strip());
                        messages.accept(line.strip());
                    }
                }
            } catch (IOException e) {
                // the exit code below tells what happened
            }
        }, "docker-load-output");
        relay.start();
        boolean written = true;
        try (OutputStream in = process.getOutputStream()) {
            archive.writeTo(in);
        } catch (IOException e) {
            written = false; // the CLI stopped reading: its exit code and words say why
        }
        int exit;
        try {
            exit = process.waitFor();
            relay.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineLoadException("interrupted while '" + docker + " load' ran", e);
        }
        if (exit != 0 || !written) {
            throw new EngineLoadException("'" + docker + " load' exited " + exit
                    + (last.get().isEmpty() ? "" : ": " + last.get()));
        }
    }

    @Override
    public String toString() {
        return docker.toString();
    }
}
