package dev.jbuild.lint;

import java.util.Locale;

/** How much a finding matters; ordered from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case word used in output, configuration and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is {@code other} or worse. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * Reads a severity as users write it. hadolint's {@code style} level has no place of its own here and
     * counts as {@code info}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static Severity parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info", "style" -> INFO;
            default -> throw new IllegalArgumentException(
                    "unknown severity '" + text + "': expected error, warning or info");
        };
    }
}
