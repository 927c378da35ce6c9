package dev.jbuild.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input: one line naming file, line and column, the source line with a caret, exit 1, no stack trace. */
class ErrorReportingTest {

    @TempDir
    Path dir;

    private CliRun parse(String dockerfile) throws IOException {
        Path file = dir.resolve("Dockerfile.test");
        Files.writeString(file, dockerfile);
        return CliRun.run("parse", "-f", file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "unknown instruction  | FROM a\\nRUNN x\\n                  | 2:1: unknown instruction: RUNN (did you mean RUN?)",
            "unknown flag         | FROM a\\nCOPY --form=b x y\\n       | 2:1: unknown flag: --form (did you mean from?)",
            "flag of another one  | FROM a\\nCOPY --checksum=sha256:0 x y\\n | 2:1: unknown flag: --checksum",
            "bad JSON             | FROM a\\nCMD [\"a\", 1]\\n            | 2:1: when using JSON array syntax, arrays must be comprised of strings only",
            "unterminated heredoc | FROM a\\nRUN <<EOF\\necho\\n          | 2:1: unterminated heredoc",
            "bad directive        | # escape=x\\nFROM a\\n              | 1:1: invalid escape token 'x' does not match ` or \\",
            "repeated directive   | # syntax=a\\n# syntax=b\\nFROM a\\n  | 2:1: only one syntax parser directive can be used",
            "no instructions      | # nothing\\n                      | 1:1: file with no instructions",
            "instruction first    | RUN x\\nFROM a\\n                  | 1:1: no build stage in current context",
            "ENV without value    | FROM a\\nENV PATH\\n                | 2:1: ENV must have two arguments",
            "circular stages      | FROM a AS x\\nCOPY --from=y / /\\nFROM a AS y\\nCOPY --from=x / /\\n | 4:1: circular dependency detected on stage: x",
            "duplicate stage      | FROM a AS x\\nFROM a AS x\\n       | 2:1: duplicate stage name \"x\"",
            "bad stage name       | FROM a AS 1x\\n                   | 1:1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
            "WORKDIR arguments    | FROM a\\nWORKDIR\\n                 | 2:1: WORKDIR requires exactly one argument",
            "HEALTHCHECK type     | FROM a\\nHEALTHCHECK FOO x\\n       | 2:1: Unknown type \"FOO\" in HEALTHCHECK (try CMD)",
            "ONBUILD chain        | FROM a\\nONBUILD ONBUILD RUN x\\n   | 2:1: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
            "mount type           | FROM a\\nRUN --mount=type=nfs x\\n  | 2:1: unsupported mount type \"nfs\"",
    })
    void badDockerfileGivesOnePositionedLine(String what, String dockerfile, String expected) throws IOException {
        CliRun run = parse(dockerfile.replace("\\n", "\n"));
        assertEquals(1, run.exitCode(), what);
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(dir.resolve("Dockerfile.test") + ":" + expected), what + ": " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void errorShowsTheSourceLineWithACaretUnderTheColumn() throws IOException {
        CliRun run = parse("FROM a\n   RUNN x\n");
        assertEquals(3, run.err().lines().count(), run.err());
        assertEquals(":2:4: unknown instruction: RUNN (did you mean RUN?)", run.err().lines().toList().get(0).substring(dir.resolve("Dockerfile.test").toString().length()));
        assertEquals("     RUNN x", run.err().lines().toList().get(1));
        assertEquals("     ^", run.err().lines().toList().get(2));
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM a\nRUNN x\n");
        CliRun run = CliRun.run("--debug", "parse", "-f", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("DockerfileSyntaxException"), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void missingDockerfileIsOneLine() {
        CliRun run = CliRun.run("parse", "-f", dir.resolve("nope").toString());
        assertEquals(1, run.exitCode());
        assertEquals("jbuild: cannot read Dockerfile " + dir.resolve("nope") + ": no such file\n", run.err());
    }

    @Test
    void anInvalidDockerignoreLineIsNamedByFileAndLineBeforeAnyStep() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY a /\n");
        Files.writeString(dir.resolve(".dockerignore"), "# keep\nok\n!\n");
        CliRun run = CliRun.run("build", "--root", dir.resolve("store").toString(), "--dry-run", dir.toString());
        assertEquals(1, run.exitCode());
        assertEquals("jbuild: " + dir.resolve(".dockerignore") + ":3: an exception needs a pattern after '!': \"!\"\n", run.err());
    }

    @Test
    void lintGoesOnWithoutAnInvalidDockerignoreAndSaysSo() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY a /\n");
        Files.writeString(dir.resolve(".dockerignore"), "!\n");
        CliRun run = CliRun.run("lint", "--shellcheck=off", "-f", dir.resolve("Dockerfile").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("jbuild lint: " + dir.resolve(".dockerignore") + ":1: an exception needs a pattern"
                + " after '!': \"!\" (the file is not used: CopyIgnoredFile is off for " + dir.resolve("Dockerfile") + ")\n"),
                run.err());
    }

    @Test
    void unknownTargetNamesTheTarget() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM a AS one\n");
        CliRun run = CliRun.run("parse", "-f", file.toString(), "--target", "two");
        assertEquals(1, run.exitCode());
        assertEquals("jbuild: target stage \"two\" could not be found\n", run.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun unknownOption = CliRun.run("parse", "--bogus");
        assertEquals(2, unknownOption.exitCode());
        assertEquals("jbuild: Unknown option: '--bogus'\nRun 'jbuild parse --help' for usage.\n", unknownOption.err());
        assertEquals(2, CliRun.run("parse", "--format", "yaml").exitCode());
        assertEquals(2, CliRun.run("build").exitCode(), "CONTEXT is required");
    }
}
