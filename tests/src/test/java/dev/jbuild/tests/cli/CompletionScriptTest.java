package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts of {@code jbuild completion}, loaded into real shells: bash (and so zsh's
 * bash layer) and fish complete commands, options, option values and, when TAB is pressed, the image
 * names in the store of the line's {@code --root}.
 */
class CompletionScriptTest {
    @TempDir
    Path dir;

    private Path bin;

    /** {@code jbuild} on PATH, as users have it: the packaged jar behind a one-line script. */
    @BeforeEach
    void jbuildOnPath() throws IOException {
        Path jar = Path.of(System.getProperty("jbuild.projectRoot", "..")).resolve("cli/target/jbuild.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the fat jar is built before the tests module: " + jar);
        bin = Files.createDirectory(dir.resolve("bin"));
        Path script = bin.resolve("jbuild");
        Files.writeString(script, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -jar '" + jar + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String shell(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** What bash's completion function offers for {@code line} (the cursor at its end). */
    private List<String> bashCompletes(String line) throws IOException, InterruptedException {
        // compopt works only inside a completion bash itself started; here the function is called directly
        String script = "source <(jbuild completion bash)\ncompopt() { :; }\n"
                + "COMP_LINE='" + line + "'\n"
                + "read -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                + "[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_jbuild\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return shell("bash", "-c", script).lines().filter(word -> !word.isEmpty()).toList();
    }

    private void importImage(String name) throws IOException, InterruptedException {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("hostname"), "x\n");
        shell(bin.resolve("jbuild").toString(), "--root", dir.resolve("store").toString(), "import", dir.resolve("rootfs").toString(), name);
    }

    @Test
    void bashLoadsTheScriptAndCompletesCommandsOptionsAndValues() throws Exception {
        assertEquals("complete -o default -F _complete_jbuild jbuild\n",
                shell("bash", "-c", "source <(jbuild completion bash); complete -p jbuild"));
        assertEquals(List.of("build"), bashCompletes("jbuild bui"));
        assertTrue(bashCompletes("jbuild build --no-").containsAll(List.of("--no-cache", "--no-cache-filter")));
        assertEquals(List.of("plain"), bashCompletes("jbuild build --progress pl"));
        assertEquals(List.of("check"), bashCompletes("jbuild system ch"));
        Files.writeString(dir.resolve("Dockerfile.test"), "FROM scratch\n");
        assertEquals(List.of("Dockerfile.test"), bashCompletes("jbuild build -f Dockerfile.t"));
    }

    @Test
    void bashCompletesImageNamesFromTheStoreOfTheLine() throws Exception {
        importImage("app:1");
        String root = dir.resolve("store").toString();
        assertEquals(List.of("app:1"), bashCompletes("jbuild --root " + root + " rmi "));
        assertEquals(List.of("app:1"), bashCompletes("jbuild --root " + root + " inspect a"));
        assertEquals(List.of("app:1"), bashCompletes("jbuild --root " + root + " tag "));
        assertTrue(bashCompletes("jbuild --root " + root + " history x").isEmpty());
    }

    @Test
    void fishLoadsTheScriptAndCompletesCommandsAndImageNames() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/fish"));
        if (!present && System.getenv("CI") == null) {
            System.err.println("NOTICE: CompletionScriptTest's fish case skipped: fish is not installed (apt-get install fish)");
        }
        assumeTrue(present || System.getenv("CI") != null, "fish is not installed");
        importImage("app:1");
        Path script = dir.resolve("jbuild.fish");
        Files.writeString(script, shell(bin.resolve("jbuild").toString(), "completion", "fish"));
        shell("fish", "--no-execute", script.toString());
        String commands = shell("fish", "-c", "source " + script + "; complete -C 'jbuild rm'");
        assertTrue(commands.startsWith("rmi\tRemove one or more images."), commands);
        String images = shell("fish", "-c", "source " + script + "; complete -C 'jbuild --root "
                + dir.resolve("store") + " rmi '");
        assertEquals("app:1\n", images);
        String level = shell("fish", "-c", "source " + script + "; complete -C 'jbuild --log-level w'");
        assertTrue(level.startsWith("warn"), level);
    }
}
