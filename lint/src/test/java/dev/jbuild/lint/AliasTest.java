package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.lint.config.LintConfigLoader;
import dev.jbuild.lint.format.OutputFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One mistake, one finding: where BuildKit's check and hadolint's rule find the same mistake, it is
 * reported once, under BuildKit's name, with hadolint's code as its alias; {@code --all-aliases} (or
 * {@code allAliases: true}) reports both.
 */
class AliasTest {
    private static final String EVERY_PAIR = String.join("\n",
            "FROM alpine:3.20 AS first",
            "MAINTAINER a@example.com",
            "WORKDIR app",
            "CMD [\"one\"]",
            "CMD [\"two\"]",
            "ENTRYPOINT [\"one\"]",
            "ENTRYPOINT [\"two\"]",
            "HEALTHCHECK CMD [\"true\"]",
            "HEALTHCHECK CMD [\"false\"]",
            "FROM first AS shell-form",
            "CMD run me",
            "");

    private static List<Finding> lint(LintConfig config, String dockerfile) {
        return new Linter(config).lint(new DockerfileSource("Dockerfile", dockerfile)).findings();
    }

    private static List<String> described(List<Finding> findings) {
        return findings.stream().map(f -> f.line() + " " + f.rule() + f.aliases()).toList();
    }

    @Test
    void eachMistakeIsOneFindingUnderBuildkitsNameWithHadolintsAsAlias() {
        assertEquals(List.of(
                "2 MaintainerDeprecated[DL4000]",
                "3 WorkdirRelativePath[DL3000]",
                "4 MultipleInstructionsDisallowed[DL4003]",
                "6 MultipleInstructionsDisallowed[DL4004]",
                "8 MultipleInstructionsDisallowed[DL3012]",
                "11 JSONArgsRecommended[DL3025]"), described(lint(LintConfig.defaults(), EVERY_PAIR)));
    }

    @Test
    void allAliasesReportsBothNames() {
        List<String> both = List.of(
                "2 DL4000[]", "2 MaintainerDeprecated[]",
                "3 DL3000[]", "3 WorkdirRelativePath[]",
                "4 MultipleInstructionsDisallowed[]", "5 DL4003[]",
                "6 MultipleInstructionsDisallowed[]", "7 DL4004[]",
                "8 MultipleInstructionsDisallowed[]", "9 DL3012[]",
                "11 DL3025[]", "11 JSONArgsRecommended[]");
        assertEquals(both, described(lint(LintConfig.defaults().withAllAliases(true), EVERY_PAIR)));
        assertEquals(both, described(lint(LintConfigLoader.parse("allAliases: true\n", "test"), EVERY_PAIR)));
    }

    /** What only hadolint calls a mistake keeps hadolint's name: BuildKit lets a relative WORKDIR after an absolute one be. */
    @Test
    void aMistakeOnlyHadolintFindsKeepsItsName() {
        assertEquals(List.of("3 DL3000[]"), described(lint(LintConfig.defaults(),
                "FROM alpine:3.20\nWORKDIR /srv\nWORKDIR app\n")));
    }

    @Test
    void theAliasIsShownInTextAndJson() {
        LintReport report = new Linter(LintConfig.defaults()).lint(List.of(
                new DockerfileSource("Dockerfile", "FROM alpine:3.20\nMAINTAINER a@example.com\n")));
        assertTrue(OutputFormat.TEXT.formatter(false).format(report)
                .startsWith("Dockerfile:2:1 MaintainerDeprecated (DL4000) warning: "), OutputFormat.TEXT.formatter(false)
                .format(report));
        assertTrue(OutputFormat.JSON.formatter(false).format(report).contains("\"aliases\" : [ \"DL4000\" ]"));
    }

    /** Advice for people: once per run, and never in what machines read. */
    @Test
    void theShellcheckNoteIsAHintNotANotice() {
        LintReport report = new Linter(LintConfig.defaults()).lint(List.of(
                new DockerfileSource("a/Dockerfile", "FROM alpine:3.20\nRUN true\n"),
                new DockerfileSource("b/Dockerfile", "FROM alpine:3.20\nRUN true\n")));
        assertEquals(1, report.hints().size(), report.hints().toString());
        assertTrue(report.hints().get(0).startsWith("shell analysis with shellcheck is off"));
        assertEquals(List.of(), report.notices());
        assertFalse(OutputFormat.JSON.formatter(false).format(report).contains("shellcheck"));
    }
}
