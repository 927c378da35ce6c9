package dev.jbuild.lint;

import java.util.Locale;

/**
 * Whether RUN scripts go through the external {@code shellcheck}. It is opt-in ({@link #OFF} by default)
 * because one shellcheck process costs more than linting a thousand Dockerfiles; when on, it runs once
 * per lint run over every script, never once per RUN.
 */
public enum ShellcheckMode {
    /** Never run it; the report says once that shell analysis is off. */
    OFF,
    /** Run it when it is on the PATH; otherwise say once that it is missing. */
    AUTO,
    /** Run it, and fail the run when it cannot be started. */
    ON;

    public static ShellcheckMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "never" -> OFF;
            case "auto" -> AUTO;
            case "on", "true", "always" -> ON;
            default -> throw new IllegalArgumentException("unknown shellcheck mode '" + text + "': expected off, auto or on");
        };
    }
}
