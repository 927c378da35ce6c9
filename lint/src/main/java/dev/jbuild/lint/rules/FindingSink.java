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
 *
 * <p>One mistake is one finding: when BuildKit's check and hadolint's rule for the same mistake both
 * find it, a check reports BuildKit's and names hadolint's as its alias ({@link Reported#alsoKnownAs}).
 * The finding then carries the alias, and ignoring either name drops it. With {@code allAliases} both are
 * reported, each under its own name, for users who gate on one rule set.
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
    public Reported report(Rule rule, SourceRange range, Object... values) {
        if (!wants(rule)) {
            return new Reported(rule, -1);
        }
        findings.add(new Finding(rule.id(), rule.defaultSeverity(), rule.message(values), range, rule.url()));
        return new Reported(rule, findings.size() - 1);
    }

    /** A finding just reported (or dropped), to which another catalogue's rule for the same mistake can be added. */
    public final class Reported {
        private final Rule rule;
        private final int index;

        private Reported(Rule rule, int index) {
            this.rule = rule;
            this.index = index;
        }

        /**
         * {@code alias} found the same mistake, at {@code range} (the occurrence it names may differ: hadolint
         * flags the second CMD of a stage, BuildKit the first). Its name joins the finding; or, with
         * {@code allAliases}, it is a finding of its own.
         */
        public void alsoKnownAs(Rule alias, SourceRange range, Object... values) {
            if (!rule.aliases().contains(alias.id())) {
                throw new IllegalStateException(alias.id() + " is not declared as an alias of " + rule.id());
            }
            if (config.allAliases()) {
                report(alias, range, values);
            } else if (index >= 0) {
                if (wants(alias)) {
                    findings.set(index, findings.get(index).withAlias(alias.id()));
                } else {
                    findings.set(index, null); // ignored under its other name: the mistake is ignored
                }
            }
        }
    }

    /** A finding built elsewhere (shellcheck's), kept unless its id is ignored. */
    public void add(Finding finding) {
        if (!config.ignored().contains(finding.rule())) {
            findings.add(finding);
        }
    }

    public List<Finding> findings() {
        return findings.stream().filter(java.util.Objects::nonNull).toList();
    }
}
