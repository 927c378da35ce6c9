package dev.jbuild.lint;

import dev.jbuild.parser.syntax.SourceRange;
import java.util.Objects;

/**
 * One thing a rule found.
 *
 * @param rule the rule id ({@code DL3008}, {@code UndefinedVar}, {@code SC2086})
 * @param range where: file, line and column (1-based), and the last line of the instruction
 * @param url documentation for the rule, or null
 */
public record Finding(String rule, Severity severity, String message, SourceRange range, String url) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(range, "range");
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
        return new Finding(rule, newSeverity, message, range, url);
    }
}
