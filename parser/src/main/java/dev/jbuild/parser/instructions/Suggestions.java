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
    private Suggestions() {}

    /** The hint text {@code did you mean X?}, or null. */
    static String hint(String value, List<String> options, boolean caseSensitive) {
        return closest(value, options, caseSensitive).map(m -> "did you mean " + m + "?").orElse(null);
    }

    static Optional<String> closest(String value, List<String> options, boolean caseSensitive) {
        if (caseSensitive) {
            return Optional.ofNullable(EditDistance.closest(value, options));
        }
        List<String> lowered = options.stream().map(option -> option.toLowerCase(Locale.ROOT)).toList();
        return Optional.ofNullable(EditDistance.closest(value.toLowerCase(Locale.ROOT), lowered))
                .map(match -> inCaseOf(value, match));
    }

    /** Answer in the case the user typed: all lower, all upper, or (mixed) lower as BuildKit does. */
    private static String inCaseOf(String typed, String lowerCandidate) {
        if (typed.equals(typed.toUpperCase(Locale.ROOT)) && !typed.equals(typed.toLowerCase(Locale.ROOT))) {
            return lowerCandidate.toUpperCase(Locale.ROOT);
        }
        return lowerCandidate;
    }
}
