package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jbuild} launcher as users run it: it keeps a class-data-sharing archive and jffi's stub
 * library beside the jar, finds the command word after global options, and passes every argument on.
 */
class LauncherScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("jbuild.projectRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    @Test
    void keepsItsArchiveAndJffiStubBesideTheJarAndPassesArgumentsOn() throws Exception {
        Path jar = ROOT.resolve("cli/target/jbuild.jar");
        assumeTrue(isFresh(jar), "cli/target/jbuild.jar is missing or older than the sources: the launcher would"
                + " rebuild it with Maven inside this test (run mvn package first)");

        Result version = launch("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("jbuild "), version.out());
        Path archive = ROOT.resolve("cli/target/jbuild.jsa");
        assertTrue(Files.isRegularFile(archive), "class-data-sharing archive made on first use");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0);
        assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/jffi/libjffi-1.2.so")), "jffi stub kept beside the jar");

        Result images = launch("--root", dir.resolve("store").toString(), "--storage-driver", "vfs", "images");
        assertEquals(0, images.code(), images.err());
        assertTrue(images.out().startsWith("REPOSITORY"), images.out());

        Files.writeString(dir.resolve("Dockerfile.test"), "FROM scratch\nRUNN x\n");
        Result build = launch("--root", dir.resolve("store").toString(), "-f", "Dockerfile.test", ".");
        assertEquals(1, build.code());
        assertEquals("Dockerfile.test:2:1: unknown instruction: RUNN (did you mean RUN?)\n  RUNN x\n  ^\n", build.err());
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbuild").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        process.getOutputStream().close();
        int code = process.waitFor();
        return new Result(code, Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    /** The launcher's own rule: the jar exists and no pom or main source is newer. */
    private static boolean isFresh(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        List<Path> inputs = new ArrayList<>(List.of(ROOT.resolve("pom.xml")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(Files::isDirectory).forEach(module -> {
                inputs.add(module.resolve("pom.xml"));
                inputs.add(module.resolve("src/main"));
            });
        }
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(input)) {
                if (files.anyMatch(file -> newer(file, built))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
