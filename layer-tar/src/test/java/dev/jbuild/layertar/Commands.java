package dev.jbuild.layertar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs real tools (GNU tar, getfattr, setfattr, mknod) for fixtures and independent checks. */
final class Commands {
    private Commands() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        return new Result(process.waitFor(), output.toString(StandardCharsets.UTF_8));
    }

    /** Runs and returns the output, failing on a non-zero exit. */
    static String check(Path workingDirectory, String... command) throws IOException, InterruptedException {
        Result result = run(workingDirectory, command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    static boolean available(String tool) {
        try {
            return run(null, "sh", "-c", "command -v " + tool).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
