package dev.jbuild.lint.rules;

import dev.jbuild.lint.Finding;
import dev.jbuild.lint.LintConfig;
import dev.jbuild.lint.Rule;
import dev.jbuild.parser.syntax.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Where checks put what they find. A rule the configuration turns off is dropped here, and checks may ask
 * {@link #wants} first to skip work nobody will read.
 */
public final class FindingSink {
    private final LintConfig config;
    private final List<Finding> findings = new ArrayList<>();

    public FindingSink(LintConfig config) {
        this.config = config;
    }

    public boolean wants(Rule rule) {
        return config.runs(rule);
    }

    /** Reports {@code rule} at {@code range} with its message template filled with {@code values}. */
    public void report(Rule rule, SourceRange range, Object... values) {
        if (wants(rule)) {
            findings.add(new Finding(rule.id(), rule.defaultSeverity(), rule.message(values), range, rule.url()));
        }
    }

    /** A finding built elsewhere (shellcheck's), kept unless its id is ignored. */
    public void add(Finding finding) {
        if (!config.ignored().contains(finding.rule())) {
            findings.add(finding);
        }
    }

    public List<Finding> findings() {
        return findings;
    }
}
