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
import java.util.Map;
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
        Path archive = ROOT.resolve("cli/target/jbuild-java-" + System.getProperty("java.version") + ".jsa");
        assertTrue(Files.isRegularFile(archive), "class-data-sharing archive made on first use");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0);
        Path transfer = ROOT.resolve("cli/target/jbuild-java-" + System.getProperty("java.version") + "-transfer.jsa");
        assertTrue(Files.isRegularFile(transfer), "the registry commands' archive made with the other");
        assertTrue(Files.getLastModifiedTime(transfer).compareTo(Files.getLastModifiedTime(jar)) >= 0);
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
        return launch(Map.of(), args);
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbuild").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JBUILD_JAVA_HOME");
        builder.environment().putAll(env);
        Process process = builder.directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        process.getOutputStream().close();
        int code = process.waitFor();
        return new Result(code, Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** A JDK other than the one jbuild is built for, as machines of this kind have: required in CI. */
    private static void assumeSecondJdk() {
        boolean present = Files.isExecutable(TEMURIN_25.resolve("bin/java"));
        if (!present && System.getenv("CI") == null) {
            System.err.println("NOTICE: LauncherScriptTest's JDK cases skipped: no " + TEMURIN_25);
        }
        assumeTrue(present || System.getenv("CI") != null, "no second JDK at " + TEMURIN_25);
    }

    @Test
    void picksAJdk17OverTheJavaFirstOnPathAndJbuildJavaHomeOverBoth() throws Exception {
        Path jar = ROOT.resolve("cli/target/jbuild.jar");
        assumeTrue(isFresh(jar), "cli/target/jbuild.jar is missing or older than the sources (run mvn package first)");
        assumeSecondJdk();
        Result onPath = launch(Map.of("PATH", TEMURIN_25.resolve("bin") + ":" + System.getenv("PATH")), "--version");
        assertEquals(0, onPath.code(), onPath.err());
        assertTrue(onPath.out().contains("(Java 17."), "a JDK 17 from /usr/lib/jvm, not PATH's 25: " + onPath.out());

        Result chosen = launch(Map.of("JBUILD_JAVA_HOME", TEMURIN_25.toString()), "--version");
        assertEquals(0, chosen.code(), chosen.err());
        assertTrue(chosen.out().contains("(Java 25."), chosen.out());
        Path[] archives;
        try (Stream<Path> files = Files.list(ROOT.resolve("cli/target"))) {
            archives = files.filter(f -> f.getFileName().toString().matches("jbuild-java-25[.0-9]*[.]jsa")).toArray(Path[]::new);
        }
        assertEquals(1, archives.length, "an archive named after the JDK that made it");
        FileTime made = Files.getLastModifiedTime(archives[0]);
        assertEquals(0, launch(Map.of("JBUILD_JAVA_HOME", TEMURIN_25.toString()), "--version").code());
        assertEquals(made, Files.getLastModifiedTime(archives[0]), "used, not made again");
    }

    @Test
    void aFailedDumpIsNotTriedAgainUntilTheJarChanges() throws Exception {
        Path jar = ROOT.resolve("cli/target/jbuild.jar");
        assumeTrue(isFresh(jar), "cli/target/jbuild.jar is missing or older than the sources (run mvn package first)");
        assumeSecondJdk();
        String version = release(TEMURIN_25);
        Path archive = ROOT.resolve("cli/target/jbuild-java-" + version + ".jsa");
        Path failed = ROOT.resolve("cli/target/jbuild-java-" + version + ".jsa.failed");
        Files.deleteIfExists(archive);
        Files.writeString(failed, "");
        try {
            Result run = launch(Map.of("JBUILD_JAVA_HOME", TEMURIN_25.toString()), "--version");
            assertEquals(0, run.code(), run.err());
            assertTrue(Files.notExists(archive), "no training after a failed dump for the same jar");
        } finally {
            Files.deleteIfExists(failed);
        }
    }

    private static String release(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                return line.substring("JAVA_VERSION=".length()).replace("\"", "");
            }
        }
        throw new AssertionError("no JAVA_VERSION in " + jdk);
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
