package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.lint.config.LintConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsEverySetting() {
        LintConfig c = LintConfigLoader.parse("""
                ignore: [DL3008, SC2086]
                enable: InvalidDefinitionDescription
                severity:
                  DL3059: warning
                  ShellCheck: info
                trustedRegistries: [docker.io, ghcr.io]
                requiredLabels: [org.opencontainers.image.source]
                baseImageEnv:
                  myorg/base: [APP_HOME]
                failureThreshold: warning
                shellcheck: auto
                """, "t");
        assertEquals(Set.of("DL3008", "SC2086"), c.ignored());
        assertEquals(Set.of("InvalidDefinitionDescription"), c.enabled());
        assertEquals(Map.of("DL3059", Severity.WARNING, "ShellCheck", Severity.INFO), c.severities());
        assertEquals(List.of("docker.io", "ghcr.io"), c.trustedRegistries());
        assertEquals(List.of("org.opencontainers.image.source"), c.requiredLabels());
        assertEquals(Map.of("myorg/base", List.of("APP_HOME")), c.baseImageEnv());
        assertEquals(FailureThreshold.WARNING, c.failureThreshold());
        assertEquals(ShellcheckMode.AUTO, c.shellcheck());
    }

    @Test
    void anEmptyFileMeansDefaults() {
        assertEquals(LintConfig.defaults(), LintConfigLoader.parse("", "t"));
    }

    @Test
    void unknownSettingsAndRulesAreErrorsThatNameTheProblem() {
        assertTrue(assertThrows(LintConfigException.class, () -> LintConfigLoader.parse("ignored: [DL3008]\n", "cfg.yaml"))
                .getMessage().startsWith("cfg.yaml: unknown setting 'ignored'"));
        assertEquals("cfg.yaml: ignore: unknown rule 'DL9999'",
                assertThrows(LintConfigException.class, () -> LintConfigLoader.parse("ignore: [DL9999]\n", "cfg.yaml")).getMessage());
        assertEquals("cfg.yaml: unknown severity 'fatal': expected error, warning or info",
                assertThrows(LintConfigException.class, () -> LintConfigLoader.parse("severity: {DL3008: fatal}\n", "cfg.yaml")).getMessage());
    }

    @Test
    void baseImageEnvFromTheConfigurationDefinesVariablesForUndefinedVar(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".jbuild-lint.yaml");
        Files.writeString(file, "baseImageEnv: {myorg/base: [app_home]}\n");
        assertEquals(file, LintConfigLoader.find(dir).orElseThrow());
        String dockerfile = "FROM myorg/base:1\nCOPY app $app_home/\n";
        LintConfig only = LintConfig.only("UndefinedVar");
        LintConfig withEnv = LintConfigLoader.load(file);
        LintConfig config = new LintConfig(only.ignored(), only.enabled(), Map.of(), List.of(), List.of(), withEnv.baseImageEnv(), null, ShellcheckMode.OFF);
        assertEquals(List.of(), new Linter(config).lint(new DockerfileSource("Dockerfile", dockerfile)).findings());
        assertEquals(List.of(2), Lints.lines(Lints.only("UndefinedVar", dockerfile)));
    }
}
