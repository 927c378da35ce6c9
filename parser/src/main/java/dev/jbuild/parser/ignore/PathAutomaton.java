package dev.jbuild.parser.ignore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code .dockerignore} pattern with wildcards, matched the way Docker matches it: Docker turns
 * the pattern into an anchored regular expression ({@code *} is {@code [^/]*}, {@code ?} is
 * {@code [^/]}, a {@code **} followed by more pattern is an optional group of "any text, then
 * '/'", a trailing {@code **} is "any text") and runs Go's linear-time regexp engine on it.
 *
 * <p>We do the same without a regex library: the pattern becomes a small nondeterministic automaton
 * that is simulated one character at a time with bit sets of live states. That keeps matching linear
 * in the path length whatever the pattern (no backtracking blow-ups on a 10 000-file context), needs
 * no escaping of user text into regex syntax, and lets one pass over a path answer "does the path or
 * any of its parent directories match", which is the question Docker asks.
 *
 * <p>Like Go's regexp, the "any text" of {@code **} does not cross a newline, while
 * {@code *} and {@code ?} do.
 */
final class PathAutomaton {
    private static final int LITERAL = 0;          // consume the code point in argument
    private static final int NOT_SLASH = 1;        // consume one code point other than '/'
    private static final int CLASS = 2;            // consume one code point in classes[argument]
    private static final int LOOP_NOT_SLASH = 3;   // consume any run of non-'/' code points
    private static final int LOOP_NOT_NEWLINE = 4; // consume any run of non-'\n' code points
    private static final int SPLIT = 5;            // continue at the next node or at argument

    private final int[] operations;
    private final int[] arguments;
    private final CharClass[] classes;
    /** Whether the accepting state can still be reached from a node, with some input. */
    private final boolean[] live;
    private final int accept;
    private final int words;

    private PathAutomaton(List<int[]> nodes, List<CharClass> classes) {
        this.accept = nodes.size();
        this.operations = new int[accept];
        this.arguments = new int[accept];
        for (int i = 0; i < accept; i++) {
            operations[i] = nodes.get(i)[0];
            arguments[i] = nodes.get(i)[1];
        }
        this.classes = classes.toArray(CharClass[]::new);
        this.words = accept / 64 + 1;
        this.live = computeLiveness();
    }

    /**
     * Builds the automaton for a pattern's terms, reading two consecutive unbracketed stars as
     * Docker's {@code **}, which also swallows one '/' right after it.
     */
    static PathAutomaton compile(List<GlobTerm> terms) {
        List<int[]> nodes = new ArrayList<>();
        List<CharClass> classes = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            GlobTerm term = terms.get(i);
            if (term == GlobTerm.Wildcard.STAR && i + 1 < terms.size() && terms.get(i + 1) == GlobTerm.Wildcard.STAR) {
                i++;
                if (i + 1 < terms.size() && terms.get(i + 1) instanceof GlobTerm.Literal next
                        && next.codePoint() == '/' && !next.escaped()) {
                    i++;
                }
                if (i + 1 == terms.size()) {
                    nodes.add(new int[] {LOOP_NOT_NEWLINE, 0});
                } else {
                    // Either skip the group, or any text followed by a '/'.
                    int skipTo = nodes.size() + 3;
                    nodes.add(new int[] {SPLIT, skipTo});
                    nodes.add(new int[] {LOOP_NOT_NEWLINE, 0});
                    nodes.add(new int[] {LITERAL, '/'});
                }
            } else if (term == GlobTerm.Wildcard.STAR) {
                nodes.add(new int[] {LOOP_NOT_SLASH, 0});
            } else if (term == GlobTerm.Wildcard.ANY_CHAR) {
                nodes.add(new int[] {NOT_SLASH, 0});
            } else if (term instanceof CharClass characterClass) {
                nodes.add(new int[] {CLASS, classes.size()});
                classes.add(characterClass);
            } else {
                nodes.add(new int[] {LITERAL, ((GlobTerm.Literal) term).codePoint()});
            }
        }
        return new PathAutomaton(nodes, classes);
    }

    /**
     * Whether the whole of {@code path}, or one of its parent directories (a prefix ending just
     * before a '/'), matches. One pass: the parent check is "was the accepting state live when the
     * next character is a '/'".
     */
    boolean matchesPathOrParent(String path) {
        long[] current = new long[words];
        long[] next = new long[words];
        set(current, 0);
        closeOver(current);
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            if (c == '/' && i > 0 && contains(current, accept)) {
                return true;
            }
            if (!step(current, c, next)) {
                return false;
            }
            long[] swap = current;
            current = next;
            next = swap;
            i += Character.charCount(c);
        }
        return contains(current, accept);
    }

    /**
     * Whether some path strictly below directory {@code dir} could match. Conservative: it may say
     * true for a path that turns out not to exist, never false when a match is possible.
     */
    boolean mayMatchBelow(String dir) {
        long[] current = new long[words];
        long[] next = new long[words];
        set(current, 0);
        closeOver(current);
        for (int i = 0; i <= dir.length(); ) {
            int c = i == dir.length() ? '/' : dir.codePointAt(i);
            if (!step(current, c, next)) {
                return false;
            }
            long[] swap = current;
            current = next;
            next = swap;
            i += i == dir.length() ? 1 : Character.charCount(c);
        }
        for (int state = 0; state < accept; state++) {
            if (contains(current, state) && live[state]) {
                return true;
            }
        }
        return false;
    }

    /** Moves every live state over {@code c} into {@code next}; false when nothing survives. */
    private boolean step(long[] current, int c, long[] next) {
        Arrays.fill(next, 0L);
        boolean any = false;
        for (int state = 0; state < accept; state++) {
            if (!contains(current, state)) {
                continue;
            }
            int target = switch (operations[state]) {
                case LITERAL -> arguments[state] == c ? state + 1 : -1;
                case NOT_SLASH -> c != '/' ? state + 1 : -1;
                case CLASS -> classes[arguments[state]].matches(c) ? state + 1 : -1;
                case LOOP_NOT_SLASH -> c != '/' ? state : -1;
                case LOOP_NOT_NEWLINE -> c != '\n' ? state : -1;
                default -> -1; // SPLIT consumes nothing
            };
            if (target >= 0) {
                set(next, target);
                any = true;
            }
        }
        if (any) {
            closeOver(next);
        }
        return any;
    }

    /** Adds the states reachable without consuming input; every such edge points forward. */
    private void closeOver(long[] states) {
        for (int state = 0; state < accept; state++) {
            if (!contains(states, state)) {
                continue;
            }
            switch (operations[state]) {
                case LOOP_NOT_SLASH, LOOP_NOT_NEWLINE -> set(states, state + 1);
                case SPLIT -> {
                    set(states, state + 1);
                    set(states, arguments[state]);
                }
                default -> {
                }
            }
        }
    }

    private boolean[] computeLiveness() {
        boolean[] result = new boolean[accept + 1];
        result[accept] = true;
        for (int state = accept - 1; state >= 0; state--) {
            result[state] = switch (operations[state]) {
                case CLASS -> classes[arguments[state]].canMatchSomething() && result[state + 1];
                case SPLIT -> result[state + 1] || result[arguments[state]];
                default -> result[state + 1];
            };
        }
        return result;
    }

    private static boolean contains(long[] states, int state) {
        return (states[state >>> 6] & (1L << state)) != 0;
    }

    private static void set(long[] states, int state) {
        states[state >>> 6] |= 1L << state;
    }
}
