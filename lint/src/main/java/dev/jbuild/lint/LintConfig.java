package dev.jbuild.lint;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the user chose: from {@code .jbuild-lint.yaml}, command-line options, or both merged.
 *
 * @param ignored rule ids that never report (a shellcheck code such as {@code SC2086} works too)
 * @param enabled rule ids that are off by default but should run (BuildKit's experimental checks)
 * @param severities severity overrides by rule id
 * @param trustedRegistries registries FROM may pull from (DL3026); empty means any
 * @param requiredLabels labels the final image must carry (DL3049)
 * @param baseImageEnv names of environment variables that base images define, by repository
 *     ({@code python}, {@code ghcr.io/org/base}), added to jbuild's built-in table for UndefinedVar
 * @param failureThreshold the least severe finding that fails the run, or null when not configured
 * @param allAliases report a mistake that BuildKit's check and hadolint's rule both find under both names,
 *     as two findings, instead of once under BuildKit's name with hadolint's as its alias
 */
public record LintConfig(
        Set<String> ignored,
        Set<String> enabled,
        Map<String, Severity> severities,
        List<String> trustedRegistries,
        List<String> requiredLabels,
        Map<String, List<String>> baseImageEnv,
        FailureThreshold failureThreshold,
        ShellcheckMode shellcheck,
        boolean allAliases) {

    public LintConfig {
        ignored = Set.copyOf(ignored);
        enabled = Set.copyOf(enabled);
        severities = Map.copyOf(severities);
        trustedRegistries = List.copyOf(trustedRegistries);
        requiredLabels = List.copyOf(requiredLabels);
        baseImageEnv = Map.copyOf(baseImageEnv);
    }

    public LintConfig(Set<String> ignored, Set<String> enabled, Map<String, Severity> severities,
                      List<String> trustedRegistries, List<String> requiredLabels,
                      Map<String, List<String>> baseImageEnv, FailureThreshold failureThreshold,
                      ShellcheckMode shellcheck) {
        this(ignored, enabled, severities, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold,
                shellcheck, false);
    }

    /** Every rule with its defaults, shellcheck off. */
    public static LintConfig defaults() {
        return new LintConfig(Set.of(), Set.of(), Map.of(), List.of(), List.of(), Map.of(), null, ShellcheckMode.OFF, false);
    }

    /**
     * Only {@code ruleId} runs (enabled even if it is off by default), under its own name; everything else
     * is ignored.
     */
    public static LintConfig only(String ruleId) {
        Set<String> others = new LinkedHashSet<>();
        for (Rule rule : RuleCatalog.all()) {
            if (!rule.id().equals(ruleId)) {
                others.add(rule.id());
            }
        }
        return defaults().withIgnored(others).withEnabled(Set.of(ruleId)).withAllAliases(true);
    }

    public LintConfig withIgnored(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(ignored);
        all.addAll(more);
        return new LintConfig(all, enabled, severities, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold, shellcheck, allAliases);
    }

    public LintConfig withEnabled(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(enabled);
        all.addAll(more);
        return new LintConfig(ignored, all, severities, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold, shellcheck, allAliases);
    }

    public LintConfig withSeverities(Map<String, Severity> more) {
        Map<String, Severity> all = new LinkedHashMap<>(severities);
        all.putAll(more);
        return new LintConfig(ignored, enabled, all, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold, shellcheck, allAliases);
    }

    public LintConfig withFailureThreshold(FailureThreshold value) {
        return new LintConfig(ignored, enabled, severities, trustedRegistries, requiredLabels, baseImageEnv, value, shellcheck, allAliases);
    }

    public LintConfig withShellcheck(ShellcheckMode value) {
        return new LintConfig(ignored, enabled, severities, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold, value, allAliases);
    }

    public LintConfig withTrustedRegistries(List<String> value) {
        return new LintConfig(ignored, enabled, severities, value, requiredLabels, baseImageEnv, failureThreshold, shellcheck, allAliases);
    }

    public LintConfig withRequiredLabels(List<String> value) {
        return new LintConfig(ignored, enabled, severities, trustedRegistries, value, baseImageEnv, failureThreshold, shellcheck, allAliases);
    }

    public LintConfig withAllAliases(boolean value) {
        return new LintConfig(ignored, enabled, severities, trustedRegistries, requiredLabels, baseImageEnv, failureThreshold,
                shellcheck, value);
    }

    /** Whether {@code rule} runs at all under this configuration (before file directives and inline ignores). */
    public boolean runs(Rule rule) {
        if (ignored.contains(rule.id())) {
            return false;
        }
        return rule.enabledByDefault() || enabled.contains(rule.id());
    }
}
