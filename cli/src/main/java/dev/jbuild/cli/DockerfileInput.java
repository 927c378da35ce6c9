package dev.jbuild.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the Dockerfile comes from: {@code -f FILE} (any name, inside or outside the context, relative to
 * the current directory as with docker), {@code -f -} for stdin, else {@code CONTEXT/Dockerfile}.
 */
record DockerfileInput(String displayName, Path path, String text) {

    static DockerfileInput read(String fileOption, Path context, InputStream stdin) {
        if ("-".equals(fileOption)) {
            return new DockerfileInput("-", null, readStdin(stdin));
        }
        Path path = fileOption != null ? Path.of(fileOption) : (context != null ? context : Path.of(".")).resolve("Dockerfile");
        String displayName = fileOption != null ? fileOption : path.normalize().toString();
        try {
            return new DockerfileInput(displayName, path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserError("cannot read Dockerfile " + displayName + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            return new DockerfileInput(displayName, path, readLenient(path));
        } catch (IOException e) {
            throw new UserError("cannot read Dockerfile " + displayName + ": " + e.getMessage(), e);
        }
    }

    private static String readLenient(Path path) {
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read Dockerfile " + path + ": " + e.getMessage(), e);
        }
    }

    private static String readStdin(InputStream stdin) {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read Dockerfile from stdin: " + e.getMessage(), e);
        }
    }
}
