package dev.jbuild.parser.instructions;

import dev.jbuild.platform.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BuildKit's "did you mean" rule: the option closest to a mistyped word by Levenshtein distance,
 * if that distance is at most 2. An exact match suggests nothing (the mistake is elsewhere). Ties
 * go to the earlier option; BuildKit's order is a Go map's, so it is unspecified there.
 */
final class Suggestions {
    private static final int MAX_DISTANCE_EXCLUSIVE = 3;

    private Suggestions() {}

    /** The hint text {@code did you mean X?}, or null. */
    static String hint(String value, List<String> options, boolean caseSensitive) {
        return closest(value, options, caseSensitive).map(m -> "did you mean " + m + "?").orElse(null);
    }

    static Optional<String> closest(String value, List<String> options, boolean caseSensitive) {
        String wanted = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = null;
        int best = MAX_DISTANCE_EXCLUSIVE;
        for (String option : options) {
            String candidate = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (candidate.equals(wanted)) {
                return Optional.empty();
            }
            int distance = EditDistance.levenshtein(wanted, candidate);
            if (distance < best) {
                best = distance;
                match = caseSensitive ? candidate : inCaseOf(value, candidate);
            }
        }
        return Optional.ofNullable(match);
    }

    /** Answer in the case the user typed: all lower, all upper, or (mixed) lower as BuildKit does. */
    private static String inCaseOf(String typed, String lowerCandidate) {
        if (typed.equals(typed.toUpperCase(Locale.ROOT)) && !typed.equals(typed.toLowerCase(Locale.ROOT))) {
            return lowerCandidate.toUpperCase(Locale.ROOT);
        }
        return lowerCandidate;
    }
}
