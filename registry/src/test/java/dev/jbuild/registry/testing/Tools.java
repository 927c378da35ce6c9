package dev.jbuild.registry.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real tools for registry tests: skipped visibly when missing, required when {@code CI} is set. */
public final class Tools {
    private Tools() {
    }

    /** A tool found on PATH (or at an absolute path); absent, the test is skipped, or fails under CI. */
    public static void require(String tool) {
        boolean present = tool.startsWith("/") ? Files.isExecutable(Path.of(tool)) : onPath(tool);
        if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
            if (!present) {
                throw new AssertionError(tool + " is not installed, and CI requires it (.ci/run installs it)");
            }
            return;
        }
        assumeTrue(present, tool + " is not installed here (.ci/run installs it): test skipped");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** What a command printed (stderr merged) and how it ended. */
    public record Result(int exit, String out) {
    }

    public static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs a command and returns its output; a non-zero exit fails the test with that output. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Result result = exec(dir, List.of(command));
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exit() + "): " + result.out());
        }
        return result.out();
    }

    /** A loopback port nobody listens on right now, picked at random by the kernel. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
