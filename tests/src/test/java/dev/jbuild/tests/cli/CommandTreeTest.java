package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree: build is the default command, global options anywhere, help and version everywhere. */
class CommandTreeTest {

    @TempDir
    Path dir;

    @Test
    void ciLineWithoutTheBuildWordRunsBuildWithTheNamedFile() throws IOException {
        Files.writeString(dir.resolve("Dockerfile.test"), "FROM busybox AS test\nRUNN make test\n");
        CliRun run = CliRun.run("-f", dir.resolve("Dockerfile.test").toString(), dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith(dir.resolve("Dockerfile.test") + ":2:1: unknown instruction: RUNN"), run.err());
    }

    @Test
    void globalOptionsBeforeTheImplicitBuildAreKept() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUNN x\n");
        CliRun run = CliRun.run("--debug", "--root", dir.resolve("store").toString(), "--log-level", "warn", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("\tat "), "--debug reached the implicit build: " + run.err());
    }

    @Test
    void validDockerfileIsResolvedAndThenBuiltUntilTheBaseThatCannotBeHad() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox AS a\nFROM a AS b\nFROM busybox AS c\n");
        CliRun run = CliRun.run("build", "--root", dir.resolve("store").toString(), "--progress", "plain",
                "--target", "b", dir.toString());
        assertEquals(1, run.exitCode());
        // There is no Docker Hub here: the pull that a missing base starts fails (why depends on the network:
        // no DNS, no route), and the line says how to do without.
        String[] lines = run.err().split("\n");
        assertEquals(3, lines.length, "found before anything runs, once: stage c, which uses busybox too, is not "
                + "needed:\n" + run.err());
        assertTrue(lines[0].startsWith(dir.resolve("Dockerfile") + ":1:1: image \"busybox\" is not in the store and "
                + "could not be pulled: cannot reach registry docker.io"), run.err());
        assertTrue(lines[0].endsWith("(without a registry: 'jbuild load -i IMAGE.tar' or 'jbuild import ROOTFS.tar "
                + "busybox')"), run.err());
        assertEquals("  FROM busybox AS a", lines[1]);
        assertEquals("  ^", lines[2]);
    }

    @Test
    void checkLintsFirstAndStopsOnErrors() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:1.36\nRUN sudo true\n");
        CliRun run = CliRun.run("build", "--root", dir.resolve("store").toString(), "--check", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("Dockerfile:2:5 DL3004 error: Do not use sudo"), run.err());
        assertTrue(run.err().endsWith("jbuild: build stopped: the Dockerfile has lint errors (see above)\n"), run.err());
    }

    @Test
    void checkPrintsWarningsAndGoesOn() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:1.36 as base\n");
        CliRun run = CliRun.run("build", "--root", dir.resolve("store").toString(), "--check", dir.toString());
        assertTrue(run.err().contains("FromAsCasing warning"), run.err());
        assertTrue(run.err().contains("image \"busybox:1.36\" is not in the store"),
                "the build went on past the warning: " + run.err());
    }

    @Test
    void missingContextIsOneLine() {
        CliRun run = CliRun.run(dir.resolve("absent").toString());
        assertEquals(1, run.exitCode());
        assertEquals("jbuild: unable to prepare context: path \"" + dir.resolve("absent") + "\" not found\n", run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "parse", "lint", "images", "inspect", "history", "tag", "rmi", "import", "export",
            "system", "prune", "info", "help"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.run(command, "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: jbuild " + command), run.out());
    }

    /** Commands are modelled only when they run; the listings must still show every one of them. */
    @ParameterizedTest
    @ValueSource(strings = {"--help", "help"})
    void topLevelHelpListsEveryCommand(String word) {
        CliRun run = CliRun.run(word);
        assertEquals(0, run.exitCode(), run.err());
        for (String command : List.of("build", "parse", "lint", "images", "inspect", "history", "tag", "rmi",
                "import", "export", "system", "prune", "info", "save", "load", "verify", "key", "help")) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " missing from:\n" + run.out());
        }
    }

    @Test
    void helpForOneCommandAndVersionWork() {
        assertTrue(CliRun.run("help", "tag").out().contains("Usage: jbuild tag"));
        assertTrue(CliRun.run("--version").out().startsWith("jbuild "));
        assertTrue(CliRun.run("--debug", "-V").out().startsWith("jbuild "));
    }

    @Test
    void storageDriverAndRuntimeAreGlobalOptions() {
        CliRun run = CliRun.run("--root", dir.resolve("store").toString(), "--storage-driver", "vfs", "info");
        assertTrue(run.out().startsWith("Storage driver: vfs (requested)"), run.out() + run.err());
        CliRun after = CliRun.run("info", "--root", dir.resolve("store").toString(), "--storage-driver=vfs");
        assertTrue(after.out().startsWith("Storage driver: vfs (requested)"), after.out() + after.err());
    }

    @Test
    void globalOptionsWithValuesBeforeTheImplicitBuildAreSkippedByTheRouting() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUNN x\n");
        CliRun run = CliRun.run("--storage-driver", "vfs", "--runtime", "/usr/sbin/runc", "-f", dir.resolve("Dockerfile").toString(), dir.toString());
        assertTrue(run.err().contains("unknown instruction: RUNN"), run.err());
    }

    @Test
    void subcommandNamedLikeALogLevelIsStillACommand() {
        CliRun run = CliRun.run("--root", dir.resolve("store").toString(), "info");
        assertTrue(run.out().startsWith("Storage driver: "), run.out() + run.err());
        assertEquals(2, CliRun.run("--log-level", "loud", "info").exitCode());
    }

    @Test
    void versionAndTopLevelHelp() {
        CliRun version = CliRun.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("jbuild 0."), version.out());
        CliRun help = CliRun.run();
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("With no COMMAND, 'jbuild [BUILD OPTIONS] CONTEXT' runs 'jbuild build'."), help.out());
    }

    @Test
    void buildArgWithoutValueComesFromTheEnvironmentAndIsDroppedWhenUnset() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "ARG IMG\nFROM ${IMG:-fallback}\n");
        CliRun fromEnv = CliRun.withInput("", Map.of("IMG", "alpine"), "parse", "-f", dir.resolve("Dockerfile").toString(), "--build-arg", "IMG");
        assertTrue(fromEnv.out().contains("\"reference\" : \"alpine\""), fromEnv.out());
        CliRun unset = CliRun.withInput("", Map.of(), "parse", "-f", dir.resolve("Dockerfile").toString(), "--build-arg", "IMG");
        assertTrue(unset.out().contains("\"reference\" : \"fallback\""), unset.out());
    }
}
