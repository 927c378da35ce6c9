package dev.jbuild.cli.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild lint} through the real command line: exit codes, formats, configuration and file discovery. */
class LintCommandTest {
    private static final String CLEAN = "FROM alpine:3.20\nUSER 65534\n";
    private static final String WARNING_ONLY = "FROM alpine:3.20 as base\nUSER 65534\n";
    private static final String WITH_ERROR = "FROM alpine:3.20\nRUN sudo true\nUSER 65534\n";
    private static final String MAINTAINER = "FROM alpine:3.20\nMAINTAINER me@example.com\nUSER 65534\n";

    private record Run(int exit, String out, String err) {}

    private static Run lint(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("PATH", "/nonexistent")).run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void exitCodeIsZeroWithoutErrorsAndOneWithAnError(@TempDir Path dir) throws Exception {
        assertEquals(0, lint("", "-f", write(dir, "clean/Dockerfile", CLEAN).toString()).exit());
        assertEquals(0, lint("", "-f", write(dir, "warn/Dockerfile", WARNING_ONLY).toString()).exit());
        Run error = lint("", "-f", write(dir, "err/Dockerfile", WITH_ERROR).toString());
        assertEquals(1, error.exit());
        assertTrue(error.out().contains(dir.resolve("err/Dockerfile") + ":2:5 DL3004 error: Do not use sudo"), error.out());
    }

    @Test
    void failureThresholdMovesTheLine(@TempDir Path dir) throws Exception {
        String warn = write(dir, "Dockerfile", WARNING_ONLY).toString();
        assertEquals(1, lint("", "--failure-threshold", "warning", "-f", warn).exit());
        assertEquals(0, lint("", "--failure-threshold", "error", "-f", warn).exit());
        String error = write(dir, "e/Dockerfile", WITH_ERROR).toString();
        assertEquals(0, lint("", "--failure-threshold", "none", "-f", error).exit());
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws Exception {
        String file = write(dir, "Dockerfile", CLEAN).toString();
        assertEquals(2, lint("", "--failure-threshold", "fatal", "-f", file).exit());
        assertEquals(2, lint("", "--format", "yaml", "-f", file).exit());
        Run unknownRule = lint("", "--ignore", "DL9999", "-f", file);
        assertEquals(2, unknownRule.exit());
        assertTrue(unknownRule.err().contains("unknown rule 'DL9999'"), unknownRule.err());
        assertEquals(2, lint("", dir.resolve("missing").toString()).exit());
        assertEquals(2, lint("", "--no-such-option").exit());
        assertEquals(2, lint("", "--config", write(dir, "bad.yaml", "nope: 1\n").toString(), "-f", file).exit());
    }

    @Test
    void directoriesAreSearchedForDockerfiles(@TempDir Path dir) throws Exception {
        write(dir, "Dockerfile", CLEAN);
        write(dir, "svc/api.Dockerfile", CLEAN);
        write(dir, "svc/Dockerfile.test", WITH_ERROR);
        write(dir, "svc/Dockerfile.test.dockerignore", "*.tmp\n");
        write(dir, "svc/README.md", "not a Dockerfile\n");
        write(dir, ".git/Dockerfile", WITH_ERROR.replace("RUN", "EXPOSE 1/x\nRUN"));
        Run run = lint("", "--format", "json", dir.toString());
        assertEquals(1, run.exit());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(3, root.get("files").size());
        assertEquals(3, root.at("/summary/files").asInt());
        assertTrue(root.get("findings").toString().contains("Dockerfile.test"));
    }

    @Test
    void oneMistakeIsOneFindingUnlessAllAliasesIsAsked(@TempDir Path dir) throws Exception {
        String file = write(dir, "Dockerfile", MAINTAINER).toString();
        Run once = lint("", "-f", file);
        assertEquals(1, once.out().lines().filter(l -> l.startsWith(file + ":2:1 ")).count(), once.out());
        assertTrue(once.out().contains(file + ":2:1 MaintainerDeprecated (DL4000) warning: "), once.out());
        Run both = lint("", "--all-aliases", "-f", file);
        assertTrue(both.out().contains(file + ":2:1 MaintainerDeprecated warning: "), both.out());
        assertTrue(both.out().contains(file + ":2:1 DL4000 error: "), both.out());
        assertEquals(1, both.exit(), "hadolint's DL4000 is an error");
    }

    /** The note that shellcheck is off is for people reading text: never in what a machine reads. */
    @Test
    void machineFormatsCarryNoShellcheckNote(@TempDir Path dir) throws Exception {
        String file = write(dir, "Dockerfile", MAINTAINER).toString();
        for (String format : new String[] {"json", "sarif", "checkstyle", "gitlab", "github"}) {
            Run run = lint("", "--format", format, "-f", file);
            assertEquals("", run.err(), format);
            assertTrue(!run.out().contains("shellcheck"), format + ": " + run.out());
        }
    }

    @Test
    void ignoreOptionAndConfigFileSilenceRules(@TempDir Path dir) throws Exception {
        String file = write(dir, "Dockerfile", MAINTAINER).toString();
        assertEquals(0, lint("", "--ignore", "DL4000", "--failure-threshold", "warning", "-f", file).exit(),
                "either name silences the mistake");
        Path config = write(dir, "lint.yaml", "ignore: [MaintainerDeprecated]\nfailureThreshold: warning\n");
        Run run = lint("", "--config", config.toString(), "-f", file);
        assertEquals(0, run.exit(), run.out());
        assertTrue(!run.out().contains("DL4000") && !run.out().contains("MaintainerDeprecated"), run.out());
    }

    @Test
    void readsStdinAndPrintsEveryFormat() {
        for (String format : new String[] {"text", "json", "sarif", "checkstyle", "gitlab", "github"}) {
            Run run = lint(WITH_ERROR, "--format", format, "-f", "-");
            assertEquals(1, run.exit(), format);
            assertTrue(run.out().contains("DL3004"), format + ": " + run.out());
        }
        assertTrue(lint(WITH_ERROR, "--format", "github", "-f", "-").out().startsWith("::error file=-,line=2,col=5,title=DL3004::"),
                lint(WITH_ERROR, "--format", "github", "-f", "-").out());
    }

    @Test
    void saysOnceThatShellAnalysisIsOffAndNeverColoursWhenNotATerminal() {
        Run run = lint(WITH_ERROR, "-f", "-");
        assertEquals(1, run.err().lines().filter(l -> l.contains("shell analysis")).count(), run.err());
        assertTrue(!run.out().contains("\u001B["), run.out());
        Run missing = lint(WITH_ERROR, "--shellcheck", "-f", "-");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("shellcheck was asked for but is not installed"), missing.err());
    }

    @Test
    void copyIgnoredFileUsesTheDockerfilesOwnIgnoreFile(@TempDir Path dir) throws Exception {
        write(dir, ".dockerignore", "*.secret\n");
        String file = write(dir, "Dockerfile", "FROM alpine:3.20\nCOPY app.secret /app/\nUSER 65534\n").toString();
        Run run = lint("", "--format", "json", "-f", file);
        assertTrue(run.out().contains("\"rule\" : \"CopyIgnoredFile\""), run.out());
    }
}
