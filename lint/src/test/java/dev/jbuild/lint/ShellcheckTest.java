package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.lint.shellcheck.ShellcheckRunner;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * shellcheck findings land on the Dockerfile line they are about, continuation and heredoc lines included.
 * Needs shellcheck on the PATH (CI installs it); elsewhere these tests are skipped, not passed.
 */
class ShellcheckTest {
    private static final String DOCKERFILE = "FROM debian:12\n"
            + "RUN --mount=type=cache,target=/root/.cache \\\n"
            + "    echo start \\\n"
            + "# a comment Docker drops\n"
            + " && cp $SRC /dst\n"
            + "RUN <<EOF\n"
            + "set -e\n"
            + "echo $1 > $OUT\n"
            + "EOF\n"
            + "COPY <<EOF /not-shell\n"
            + "echo $ignored\n"
            + "EOF\n";

    private static LintReport lint(ShellcheckMode mode, String dockerfile) {
        LintConfig config = LintConfig.defaults().withShellcheck(mode);
        return new Linter(config).lint(List.of(new DockerfileSource("Dockerfile", dockerfile)));
    }

    @Test
    void shellcheckFindingsPointAtTheirDockerfileLines() {
        Assumptions.assumeTrue(ShellcheckRunner.locate(System.getenv("PATH")).isPresent(), "shellcheck is not installed");
        List<Finding> findings = lint(ShellcheckMode.ON, DOCKERFILE).findings().stream().filter(f -> f.rule().startsWith("SC")).toList();
        assertEquals(List.of("5:8 SC2086", "8:6 SC2086", "8:11 SC2086"),
                findings.stream().map(f -> f.line() + ":" + f.column() + " " + f.rule()).toList(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("Double quote to prevent globbing"));
        assertEquals("https://www.shellcheck.net/wiki/SC2086", findings.get(0).url());
    }

    @Test
    void shellcheckCodesCanBeIgnoredInline() {
        Assumptions.assumeTrue(ShellcheckRunner.locate(System.getenv("PATH")).isPresent(), "shellcheck is not installed");
        String ignored = DOCKERFILE.replace("RUN <<EOF\n", "# jbuild-lint ignore=SC2086\nRUN <<EOF\n");
        List<Integer> lines = lint(ShellcheckMode.ON, ignored).findings().stream().filter(f -> f.rule().startsWith("SC")).map(Finding::line).toList();
        assertEquals(List.of(5), lines);
    }

    @Test
    void withShellcheckOffTheRunSaysSoOnce() {
        LintReport report = lint(ShellcheckMode.OFF, DOCKERFILE);
        assertEquals(1, report.hints().size());
        assertTrue(report.hints().get(0).startsWith("shell analysis with shellcheck is off"));
        assertTrue(report.findings().stream().noneMatch(f -> f.rule().startsWith("SC")));
    }

    @Test
    void autoWithoutShellcheckOnThePathSaysItIsMissing() {
        LintConfig config = LintConfig.defaults().withShellcheck(ShellcheckMode.AUTO);
        LintReport report = new Linter(config, "/nonexistent").lint(List.of(new DockerfileSource("Dockerfile", DOCKERFILE)));
        assertEquals(List.of("shell analysis is off: shellcheck is not installed (not found on PATH)"), report.hints());
    }
}
