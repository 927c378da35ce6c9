package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;
import java.util.Arrays;

/**
 * A compiled {@code ${var#pattern}} glob: {@code *} (any run), {@code ?} (one character) and
 * {@code \*}, {@code \?}, {@code \\} for literals; no bracket classes. BuildKit turns the glob
 * into a Go regular expression, so like Go's {@code .} neither wildcard matches a newline.
 *
 * <p>Matching simulates the pattern as a set of positions (a Thompson NFA), so every call is
 * O(text length x pattern length) with no backtracking. BuildKit's regex preferences — lazy
 * stars for the shortest match, greedy stars for the longest, the leftmost start when searching —
 * come out the same as "shortest end", "longest end" and "leftmost start, then longest end" for
 * patterns built only from literals, {@code ?} and {@code *}.
 */
final class ShellPattern {
    private static final int LITERAL = 0;
    private static final int ANY_ONE = 1;
    private static final int ANY_RUN = 2;
    private static final int INACTIVE = -1;

    private final int[] kinds;
    private final int[] literals;

    private ShellPattern(int[] kinds, int[] literals) {
        this.kinds = kinds;
        this.literals = literals;
    }

    /**
     * Compiles a glob the way BuildKit reads it: a backslash before {@code }} or {@code /} is
     * dropped (it only protected the character from ending the {@code ${...}}), any other
     * backslash must escape {@code *}, {@code ?} or {@code \}.
     *
     * @throws LexFailure {@code invalid escape '\x'} for any other escaped character
     */
    static ShellPattern compile(String glob) {
        CodePointScanner scanner = new CodePointScanner(glob);
        int[] kinds = new int[glob.length()];
        int[] literals = new int[glob.length()];
        int size = 0;
        for (int token = scanner.next(); token != CodePointScanner.EOF; token = scanner.next()) {
            int kind = LITERAL;
            if (token == '*') {
                kind = ANY_RUN;
            } else if (token == '?') {
                kind = ANY_ONE;
            } else if (token == '\\') {
                int escaped = scanner.peek();
                if (escaped == '}' || escaped == '/') {
                    continue;
                }
                token = scanner.next();
                if (token != '*' && token != '?' && token != '\\') {
                    throw new LexFailure("invalid escape '\\" + GoText.runeToString(token) + "'");
                }
            }
            kinds[size] = kind;
            literals[size] = token;
            size++;
        }
        return new ShellPattern(Arrays.copyOf(kinds, size), Arrays.copyOf(literals, size));
    }

    /**
     * Matches the glob against {@code text} starting exactly at {@code from}.
     *
     * @return the end (exclusive) of the shortest or longest match, or -1 when none
     */
    int matchPrefix(int[] text, int from, boolean longest) {
        int accept = kinds.length;
        boolean[] current = new boolean[accept + 1];
        boolean[] next = new boolean[accept + 1];
        enter(current, 0);
        int best = current[accept] ? from : -1;
        if (best >= 0 && !longest) {
            return best;
        }
        for (int i = from; i < text.length; i++) {
            Arrays.fill(next, false);
            boolean alive = false;
            for (int state = 0; state < accept; state++) {
                if (current[state]) {
                    int target = step(state, text[i]);
                    if (target != INACTIVE) {
                        enter(next, target);
                        alive = true;
                    }
                }
            }
            if (!alive) {
                break;
            }
            if (next[accept]) {
                best = i + 1;
                if (!longest) {
                    return best;
                }
            }
            boolean[] swap = current;
            current = next;
            next = swap;
        }
        return best;
    }

    /**
     * Finds the leftmost match at or after {@code from}, and the longest one starting there.
     *
     * @return {start, end} in code points, or null when the glob matches nowhere
     */
    int[] findLeftmostLongest(int[] text, int from) {
        int accept = kinds.length;
        // For each state, the smallest start of a thread in it: of two threads in the same
        // state the earlier start always wins, so one number per state is enough.
        int[] current = new int[accept + 1];
        int[] next = new int[accept + 1];
        Arrays.fill(current, INACTIVE);
        int bestStart = INACTIVE;
        int bestEnd = INACTIVE;
        for (int i = from; ; i++) {
            if (bestStart == INACTIVE) {
                enter(current, 0, i);
            }
            int acceptedStart = current[accept];
            if (acceptedStart != INACTIVE
                    && (bestStart == INACTIVE || acceptedStart < bestStart
                    || (acceptedStart == bestStart && i > bestEnd))) {
                bestStart = acceptedStart;
                bestEnd = i;
            }
            if (i == text.length) {
                break;
            }
            Arrays.fill(next, INACTIVE);
            boolean alive = false;
            for (int state = 0; state < accept; state++) {
                int start = current[state];
                if (start == INACTIVE || (bestStart != INACTIVE && start > bestStart)) {
                    continue;
                }
                int target = step(state, text[i]);
                if (target != INACTIVE) {
                    enter(next, target, start);
                    alive = true;
                }
            }
            if (!alive && bestStart != INACTIVE) {
                break;
            }
            int[] swap = current;
            current = next;
            next = swap;
        }
        return bestStart == INACTIVE ? null : new int[] {bestStart, bestEnd};
    }

    /** The state reached from {@code state} by reading {@code ch}, or INACTIVE. */
    private int step(int state, int ch) {
        return switch (kinds[state]) {
            case LITERAL -> ch == literals[state] ? state + 1 : INACTIVE;
            case ANY_ONE -> ch != '\n' ? state + 1 : INACTIVE;
            default -> ch != '\n' ? state : INACTIVE;
        };
    }

    /** Marks {@code state} active, plus every state reachable by letting {@code *} match nothing. */
    private void enter(boolean[] states, int state) {
        for (int s = state; !states[s]; s++) {
            states[s] = true;
            if (s == kinds.length || kinds[s] != ANY_RUN) {
                break;
            }
        }
    }

    private void enter(int[] starts, int state, int start) {
        for (int s = state; starts[s] == INACTIVE || start < starts[s]; s++) {
            starts[s] = start;
            if (s == kinds.length || kinds[s] != ANY_RUN) {
                break;
            }
        }
    }
}
