package dev.jbuild.platform;

/**
 * How far two words are apart, for "did you mean" suggestions: the Levenshtein distance (insertions,
 * deletions and substitutions), as BuildKit's suggestions and Docker's CLI measure it.
 */
public final class EditDistance {
    /** BuildKit suggests an option only when it is fewer edits away than this. */
    private static final int MAX_SUGGESTED_EXCLUSIVE = 3;

    private EditDistance() {
    }

    /**
     * BuildKit's "did you mean": the option closest to {@code word}, if it is at most 2 edits away; none
     * when {@code word} is one of the options (the mistake is elsewhere). Ties go to the earlier option.
     *
     * @return the option, or null
     */
    public static String closest(String word, Iterable<String> options) {
        String match = null;
        int best = MAX_SUGGESTED_EXCLUSIVE;
        for (String option : options) {
            if (option.equals(word)) {
                return null;
            }
            int distance = levenshtein(word, option);
            if (distance < best) {
                best = distance;
                match = option;
            }
        }
        return match;
    }

    public static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
