package dev.jbuild.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running real tools (tar, skopeo, umoci, podman, docker) from tests. */
final class Tools {
    private Tools() {
    }

    /** What a command printed and how it ended. */
    record Result(int exit, String out) {
    }

    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, stderr merged into stdout; never throws for a non-zero exit. */
    static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs a command and returns its output; a non-zero exit fails with that output. */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Result result = exec(dir, List.of(command));
        if (result.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exit() + "): " + result.out());
        }
        return result.out();
    }
}
