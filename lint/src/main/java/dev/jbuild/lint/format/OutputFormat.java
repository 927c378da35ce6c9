package dev.jbuild.lint.format;

import java.util.Locale;

/** The output formats of {@code jbuild lint --format}. */
public enum OutputFormat {
    /** {@code FILE:LINE:COL RULE severity: message}, the source line and a caret, grouped per file. */
    TEXT,
    /** jbuild's own JSON, documented in docs/lint/json-format.md. */
    JSON,
    /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
    SARIF,
    /** Checkstyle XML, for CI plugins that read it. */
    CHECKSTYLE,
    /** GitLab Code Quality JSON. */
    GITLAB,
    /** GitHub Actions workflow commands ({@code ::warning file=...::message}). */
    GITHUB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param color ANSI colours, used only by {@link #TEXT} */
    public ReportFormatter formatter(boolean color) {
        return switch (this) {
            case TEXT -> new TextFormatter(color);
            case JSON -> new JsonFormatter();
            case SARIF -> new SarifFormatter();
            case CHECKSTYLE -> new CheckstyleFormatter();
            case GITLAB -> new GitlabFormatter();
            case GITHUB -> new GithubFormatter();
        };
    }
}
