package dev.jbuild.lint;

import java.util.Locale;

/** The least severe finding that makes {@code jbuild lint} exit with 1; {@link #NONE} never fails. */
public enum FailureThreshold {
    ERROR(Severity.ERROR),
    WARNING(Severity.WARNING),
    INFO(Severity.INFO),
    NONE(null);

    private final Severity severity;

    FailureThreshold(Severity severity) {
        this.severity = severity;
    }

    /** The severity that fails, or null for {@link #NONE}. */
    public Severity severity() {
        return severity;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a word other than error, warning, info (style) or none */
    public static FailureThreshold parse(String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (word.equals("none")) {
            return NONE;
        }
        try {
            return valueOf(Severity.parse(word).name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown failure threshold '" + text + "': expected error, warning, info or none");
        }
    }
}
