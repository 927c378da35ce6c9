package dev.jbuild.cli.build;

import dev.jbuild.cli.UserError;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ImageSaver;
import dev.jbuild.transfer.SaveOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code build --load}: the built image into the local Docker engine, as buildx's docker driver does,
 * through the {@code docker} CLI ({@code docker load}, which talks to the engine at
 * {@code $DOCKER_HOST} or {@code /var/run/docker.sock}). The archive is streamed uncompressed, as
 * {@code docker save} writes it; what the engine says is passed on to stderr.
 */
public final class DockerLoad {
    private DockerLoad() {}

    public static void load(ImageStore store, List<String> names, Map<String, String> env, PrintStream err)
            throws IOException {
        Path docker = docker(env);
        ProcessBuilder builder = new ProcessBuilder(docker.toString(), "load").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread relay = new Thread(() -> {
            try {
                err.print(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the exit code below tells what happened
            }
        }, "docker-load-output");
        relay.start();
        IOException writeFailure = null;
        try (OutputStream in = process.getOutputStream()) {
            new ImageSaver(store).save(names, SaveOptions.defaults().withCompression(Compression.NONE), in);
        } catch (IOException e) {
            writeFailure = e; // the engine stopped reading: its exit code and words say why
        }
        int exit;
        try {
            exit = process.waitFor();
            relay.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new UserError("--load interrupted", e);
        }
        if (exit != 0 || writeFailure != null) {
            throw new UserError("--load: the Docker engine did not take the image ('" + docker + " load' exited "
                    + exit + "); is a Docker engine running? (see its message above)");
        }
    }

    /** The docker CLI on PATH, as the shell would find it. */
    static Path docker(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "docker");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new UserError("--load needs the docker CLI to hand the image to the Docker engine, and there is no "
                + "'docker' on PATH (apt-get install docker.io); or save it with -o type=docker,dest=FILE");
    }
}
