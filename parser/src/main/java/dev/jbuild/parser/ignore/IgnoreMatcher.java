package dev.jbuild.parser.ignore;

import java.util.List;

/**
 * How one cleaned {@code .dockerignore} pattern decides whether it covers a path.
 *
 * <p>Docker picks one of four strategies per pattern and the choice is observable, so we pick the
 * same way (see {@link #forPattern}). The surprising one: a pattern that starts with {@code **} and
 * has no other wildcard is a plain "ends with" test, so {@code **.txt} covers {@code notes.txt} and
 * {@code a/b/notes.txt}, while {@code **}{@code /*.txt} (a wildcard after the {@code **}) is a
 * regular glob.
 */
sealed interface IgnoreMatcher {

    /** Whether the pattern matches {@code path} itself or one of its parent directories. */
    boolean matchesPathOrParent(String path);

    /** Whether the pattern could match some path strictly inside directory {@code dir}. */
    boolean mayMatchBelow(String dir);

    /**
     * Chooses the strategy the way Docker does, walking the pattern from the left: no wildcard,
     * escape or bracket at all means an exact path; text ending in {@code **} with nothing special
     * before it means a prefix; {@code **} at the very start followed only by plain text means a
     * suffix; anything else is a glob.
     *
     * @param cleaned the pattern after cleaning, without its '!' and already syntax-checked
     * @param terms   {@code cleaned} read by {@link GlobScanner}
     */
    static IgnoreMatcher forPattern(String cleaned, List<GlobTerm> terms) {
        Strategy strategy = Strategy.EXACT;
        int length = cleaned.length();
        int i = 0;
        boolean first = true;
        while (i < length) {
            char c = cleaned.charAt(i);
            if (c == '*' && i + 1 < length && cleaned.charAt(i + 1) == '*') {
                i += 2;
                if (i < length && cleaned.charAt(i) == '/') {
                    i++;
                }
                if (i == length) {
                    strategy = strategy == Strategy.EXACT ? Strategy.PREFIX : Strategy.GLOB;
                } else {
                    strategy = Strategy.GLOB;
                }
                if (first) {
                    strategy = Strategy.SUFFIX;
                }
            } else if (c == '\\' && i + 1 < length) {
                strategy = Strategy.GLOB;
                i += 1 + Character.charCount(cleaned.codePointAt(i + 1));
            } else {
                if (c == '*' || c == '?' || c == '[' || c == ']') {
                    strategy = Strategy.GLOB;
                }
                i++;
            }
            first = false;
        }
        return switch (strategy) {
            case EXACT -> new ExactPath(cleaned);
            case PREFIX -> new PathPrefix(cleaned.substring(0, length - 2));
            case SUFFIX -> new PathSuffix(cleaned.substring(2));
            case GLOB -> new Glob(PathAutomaton.compile(terms));
        };
    }

    enum Strategy { EXACT, PREFIX, SUFFIX, GLOB }

    /** A pattern without wildcards: the path itself or an ancestor must equal it. */
    record ExactPath(String text) implements IgnoreMatcher {
        @Override
        public boolean matchesPathOrParent(String path) {
            return path.startsWith(text) && (path.length() == text.length() || path.charAt(text.length()) == '/');
        }

        @Override
        public boolean mayMatchBelow(String dir) {
            return text.length() > dir.length() + 1 && text.startsWith(dir) && text.charAt(dir.length()) == '/';
        }
    }

    /**
     * {@code foo/**} and {@code foo**}: the path must start with the text before {@code **}.
     * If a parent directory starts with it, so does the path, so no separate parent check is needed.
     */
    record PathPrefix(String prefix) implements IgnoreMatcher {
        @Override
        public boolean matchesPathOrParent(String path) {
            return path.startsWith(prefix);
        }

        @Override
        public boolean mayMatchBelow(String dir) {
            // Below "dir" every path starts with "dir/"; one of the two must extend the other.
            String dirSlash = dir + "/";
            return dirSlash.startsWith(prefix) || prefix.startsWith(dirSlash);
        }
    }

    /**
     * {@code **}{@code /foo} and {@code **foo}: the path (or a parent) must end with the text after
     * {@code **}; when that text starts with '/', it may also be the whole path without the '/'.
     */
    record PathSuffix(String suffix) implements IgnoreMatcher {
        @Override
        public boolean matchesPathOrParent(String path) {
            for (int end = 1; end <= path.length(); end++) {
                if ((end == path.length() || path.charAt(end) == '/') && endsWithSuffix(path, end)) {
                    return true;
                }
            }
            return false;
        }

        private boolean endsWithSuffix(String path, int end) {
            int start = end - suffix.length();
            if (start >= 0 && path.regionMatches(start, suffix, 0, suffix.length())) {
                return true;
            }
            return !suffix.isEmpty() && suffix.charAt(0) == '/'
                    && end == suffix.length() - 1 && path.regionMatches(0, suffix, 1, end);
        }

        @Override
        public boolean mayMatchBelow(String dir) {
            return true; // some deeper path can always end with the suffix
        }
    }

    /** Any other pattern: Docker's regular-expression semantics, via {@link PathAutomaton}. */
    record Glob(PathAutomaton automaton) implements IgnoreMatcher {
        @Override
        public boolean matchesPathOrParent(String path) {
            return automaton.matchesPathOrParent(path);
        }

        @Override
        public boolean mayMatchBelow(String dir) {
            return automaton.mayMatchBelow(dir);
        }
    }
}
