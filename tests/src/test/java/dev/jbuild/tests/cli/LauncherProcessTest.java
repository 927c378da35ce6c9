package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a real process: exit codes reach the shell and errors carry no stack trace. */
class LauncherProcessTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Path jar() {
        Path root = Path.of(System.getProperty("jbuild.projectRoot", ".."));
        Path jar = root.resolve("cli/target/jbuild.jar");
        assertTrue(Files.isRegularFile(jar), "the fat jar is built before the tests module: " + jar);
        return jar;
    }

    private Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        process.getOutputStream().close();
        int code = process.waitFor();
        return new Result(code, Files.readString(dir.resolve("out"), StandardCharsets.UTF_8), Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void syntaxErrorExitsOneWithThreeLinesAndNoTrace() throws Exception {
        Files.writeString(dir.resolve("Dockerfile.test"), "FROM scratch\nRUNN x\n");
        Result result = java("--root", dir.resolve("store").toString(), "-f", "Dockerfile.test", ".");
        assertEquals(1, result.code());
        assertEquals("Dockerfile.test:2:1: unknown instruction: RUNN (did you mean RUN?)\n  RUNN x\n  ^\n", result.err());
        assertFalse(result.err().contains("Exception"));
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        assertEquals(2, java("parse", "--no-such-option").code());
    }

    @Test
    void parseSucceedsWithZero() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCMD [\"x\"]\n");
        Result result = java("parse", "--format", "dump");
        assertEquals(0, result.code(), result.err());
        assertEquals("(from \"scratch\")\n(cmd \"x\")\n", result.out());
    }
}
