package dev.jbuild.lint;

import dev.jbuild.lint.config.LintConfigLoader;
import dev.jbuild.parser.ignore.DockerIgnore;
import java.util.List;

/** Test shorthands for linting a Dockerfile held in a string. */
final class Lints {
    private Lints() {}

    /** Findings of {@code ruleId} alone (every other rule skipped). */
    static List<Finding> only(String ruleId, String dockerfile) {
        return only(ruleId, dockerfile, null, null);
    }

    static List<Finding> only(String ruleId, String dockerfile, String dockerignore, String configYaml) {
        LintConfig config = configYaml == null ? LintConfig.defaults() : LintConfigLoader.parse(configYaml, "test config");
        LintConfig onlyThis = LintConfig.only(ruleId);
        config = new LintConfig(onlyThis.ignored(), onlyThis.enabled(), config.severities(), config.trustedRegistries(),
                config.requiredLabels(), config.baseImageEnv(), config.failureThreshold(), ShellcheckMode.OFF,
                onlyThis.allAliases());
        DockerIgnore ignore = dockerignore == null ? null : DockerIgnore.parse(dockerignore);
        return new Linter(config).lint(new DockerfileSource("Dockerfile", dockerfile, ignore)).findings();
    }

    /** Findings of every rule with the default configuration. */
    static List<Finding> all(String dockerfile) {
        return new Linter(LintConfig.defaults()).lint(new DockerfileSource("Dockerfile", dockerfile)).findings();
    }

    static List<Integer> lines(List<Finding> findings) {
        return findings.stream().map(Finding::line).toList();
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }
}
