package dev.jbuild.lint;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing a rule found.
 *
 * @param rule the rule id ({@code DL3008}, {@code UndefinedVar}, {@code SC2086})
 * @param range where: file, line and column (1-based), and the last line of the instruction
 * @param url documentation for the rule, or null
 * @param aliases the other catalogues' names of the rule that found the same mistake here ({@code DL4000}
 *     for a {@code MaintainerDeprecated} finding), reported once under {@code rule}
 */
public record Finding(String rule, Severity severity, String message, SourceRange range, String url,
                      List<String> aliases) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(range, "range");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public Finding(String rule, Severity severity, String message, SourceRange range, String url) {
        this(rule, severity, message, range, url, List.of());
    }

    /** Whether {@code id} names this finding's rule, or one of its aliases. */
    public boolean isKnownAs(String id) {
        return rule.equals(id) || aliases.contains(id);
    }

    /** The same finding, also known as {@code alias}. */
    public Finding withAlias(String alias) {
        List<String> more = new ArrayList<>(aliases);
        if (!more.contains(alias)) {
            more.add(alias);
        }
        return new Finding(rule, severity, message, range, url, more);
    }

    public String file() {
        return range.file();
    }

    public int line() {
        return range.startLine();
    }

    public int column() {
        return range.startColumn();
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, newSeverity, message, range, url, aliases);
    }
}
