package dev.jbuild.parser.shell;

import java.util.Map;

/**
 * How large an expanded value and a stage's variables may grow. Expansion can double a value at every line
 * ({@code ARG B=$A$A}, then {@code ARG C=$B$B}, ...): fifty such lines ask for petabytes and used to run for
 * minutes before the JVM gave up. The limits are far above what a build Docker accepts can reach in
 * practice: a Dockerfile's logical line is at most 65 535 characters in Docker, and a RUN step cannot even
 * start with an environment string over 128 KiB ({@code MAX_ARG_STRLEN}) or an environment over about 2 MiB
 * ({@code ARG_MAX}).
 */
public final class ExpansionLimits {
    /** Characters in one expanded value: 16 times Docker's longest logical line. */
    public static final int MAX_VALUE = 1 << 20;
    /** Characters in all of a stage's variables together (names and values). */
    public static final long MAX_ENVIRONMENT = 4L << 20;

    private ExpansionLimits() {
    }

    static LexFailure valueTooLong() {
        return new LexFailure("the expanded value is longer than " + MAX_VALUE + " characters");
    }

    /**
     * The message when a stage's variables grow past {@link #MAX_ENVIRONMENT}, or null while they fit.
     *
     * @param characters the names and values of the stage's variables, added up
     */
    public static String environmentTooLarge(long characters) {
        return characters <= MAX_ENVIRONMENT ? null : "the build's variables (ARG and ENV) add up to more than "
                + MAX_ENVIRONMENT + " characters";
    }

    /** The characters of {@code variables}' names and values; what {@link #environmentTooLarge} is given. */
    public static long size(Map<String, String> variables) {
        long total = 0;
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            total += entry.getKey().length() + (entry.getValue() == null ? 0 : entry.getValue().length());
        }
        return total;
    }
}
