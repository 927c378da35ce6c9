package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.lint.config.LintConfigLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Inline ignores, BuildKit's # check= directive, and configuration overrides. */
class SuppressionTest {
    private static final String TWO_MAINTAINERS = "FROM alpine:3.20\n"
            + "# jbuild-lint ignore=MaintainerDeprecated,DL4000\n"
            + "MAINTAINER a@example.com\n"
            + "MAINTAINER b@example.com\n";

    private static List<Finding> lint(LintConfig config, String dockerfile) {
        return new Linter(config).lint(new DockerfileSource("Dockerfile", dockerfile)).findings();
    }

    @Test
    void inlineIgnoreSilencesTheNamedRulesOnTheNextInstructionOnly() {
        List<Finding> findings = lint(LintConfig.defaults(), TWO_MAINTAINERS);
        assertEquals(List.of("MaintainerDeprecated"), Lints.rules(findings));
        assertEquals(List.of(4), Lints.lines(findings));
    }

    @Test
    void hadolintIgnoreCommentsAreReadToo() {
        String dockerfile = "FROM debian:12\n# hadolint ignore=DL3008, DL3009\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n";
        assertEquals(List.of(), lint(LintConfig.defaults(), dockerfile));
    }

    @Test
    void inlineIgnoreCoversContinuationLinesOfTheInstruction() {
        String dockerfile = "FROM debian:12\n# jbuild-lint ignore=DL3008\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n";
        assertEquals(List.of(), lint(LintConfig.defaults(), dockerfile));
    }

    @Test
    void aBlankLineSeparatesTheIgnoreCommentFromTheInstruction() {
        String dockerfile = "FROM alpine:3.20\n# jbuild-lint ignore=DL4000\n\nMAINTAINER a@example.com\n";
        assertEquals(List.of("MaintainerDeprecated"), Lints.rules(lint(LintConfig.defaults(), dockerfile)));
    }

    @Test
    void checkDirectiveSkipsRulesAndMakesBuildkitChecksErrors() {
        String dockerfile = "# check=skip=MaintainerDeprecated;error=true\nFROM alpine:3.20 as base\nMAINTAINER a@example.com\n";
        List<Finding> findings = lint(LintConfig.defaults(), dockerfile);
        assertEquals(List.of("FromAsCasing"), Lints.rules(findings), "MAINTAINER's one mistake is skipped by its name");
        assertEquals(Severity.ERROR, findings.get(0).severity());
        String skipAll = "# check=skip=all\nFROM alpine:3.20 as base\nMAINTAINER a@example.com\n";
        assertEquals(List.of(), Lints.rules(lint(LintConfig.defaults(), skipAll)));
        String skipAlias = "# check=skip=DL4000\nFROM alpine:3.20 AS base\nMAINTAINER a@example.com\n";
        assertEquals(List.of(), Lints.rules(lint(LintConfig.defaults(), skipAlias)), "hadolint's name works too");
    }

    @Test
    void checkDirectiveEnablesExperimentalChecks() {
        String dockerfile = "# check=experimental=InvalidDefinitionDescription\n\n# not a description\nARG VERSION=1\nFROM alpine:3.20\n";
        assertEquals(List.of("InvalidDefinitionDescription"), Lints.rules(lint(LintConfig.defaults(), dockerfile)));
        assertEquals(List.of(), lint(LintConfig.defaults(), dockerfile.substring(dockerfile.indexOf('\n') + 1)));
    }

    @Test
    void configurationIgnoresRulesAndOverridesSeverities() {
        LintConfig config = LintConfigLoader.parse("ignore: [DL3007]\nseverity: {MaintainerDeprecated: error}\n", "test");
        List<Finding> findings = lint(config, "FROM alpine:latest\nMAINTAINER a@example.com\n");
        assertEquals(List.of("MaintainerDeprecated"), Lints.rules(findings));
        assertEquals(Severity.ERROR, findings.get(0).severity());
    }

    /** Either name of the mistake works in the configuration: the ignore list and the severity overrides. */
    @Test
    void configurationTakesHadolintsNameOfAMistakeToo() {
        String dockerfile = "FROM alpine:3.20\nMAINTAINER a@example.com\n";
        assertEquals(List.of(), lint(LintConfigLoader.parse("ignore: [DL4000]\n", "test"), dockerfile));
        List<Finding> findings = lint(LintConfigLoader.parse("severity: {DL4000: error}\n", "test"), dockerfile);
        assertEquals(List.of("MaintainerDeprecated"), Lints.rules(findings));
        assertEquals(Severity.ERROR, findings.get(0).severity());
    }

    @Test
    void aHadolintIgnoreCommentTakesBuildkitsNameAndTheOtherWayRound() {
        assertEquals(List.of(), lint(LintConfig.defaults(),
                "FROM alpine:3.20\n# hadolint ignore=MaintainerDeprecated\nMAINTAINER a@example.com\n"));
        assertEquals(List.of(), lint(LintConfig.defaults(),
                "FROM alpine:3.20\n# jbuild-lint ignore=DL3025\nCMD echo hi\n"));
    }

    @Test
    void commandLineIgnoresAddToTheConfiguration() {
        LintConfig config = LintConfig.defaults().withIgnored(Set.of("DL4000", "MaintainerDeprecated"));
        assertEquals(List.of(), lint(config, "FROM alpine:3.20\nMAINTAINER a@example.com\n"));
    }

    @Test
    void failureThresholdDecidesWhetherTheReportFails() {
        LintReport report = new Linter(LintConfig.defaults()).lint(List.of(new DockerfileSource("Dockerfile", "FROM alpine:3.20 as base\n")));
        assertEquals(false, report.failsAt(FailureThreshold.ERROR.severity()));
        assertEquals(true, report.failsAt(FailureThreshold.WARNING.severity()));
        assertEquals(false, report.failsAt(FailureThreshold.NONE.severity()));
    }
}
