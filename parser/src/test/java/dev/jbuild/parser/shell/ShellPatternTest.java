package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShellPatternTest {

    /** Whole-string glob match by plain recursion: slow but obviously right, for small inputs. */
    private static boolean referenceMatches(String glob, int g, int[] text, int t, int end) {
        if (g == glob.length()) {
            return t == end;
        }
        char c = glob.charAt(g);
        if (c == '*') {
            for (int k = t; k <= end; k++) {
                if (referenceMatches(glob, g + 1, text, k, end)) {
                    return true;
                }
                if (k < end && text[k] == '\n') {
                    return false;
                }
            }
            return false;
        }
        if (t == end) {
            return false;
        }
        if (c == '?') {
            return text[t] != '\n' && referenceMatches(glob, g + 1, text, t + 1, end);
        }
        if (c == '\\') {
            return text[t] == glob.charAt(g + 1) && referenceMatches(glob, g + 2, text, t + 1, end);
        }
        return text[t] == c && referenceMatches(glob, g + 1, text, t + 1, end);
    }

    private static String randomFrom(Random random, String[] parts, int maxCount) {
        StringBuilder out = new StringBuilder();
        int count = random.nextInt(maxCount + 1);
        for (int i = 0; i < count; i++) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.toString();
    }

    @Test
    void agreesWithBruteForceOnShortestLongestAndLeftmostMatches() {
        Random random = new Random(7);
        String[] globParts = {"a", "b", "*", "?", "\\*", "\\?", "\n"};
        String[] textParts = {"a", "b", "*", "?", "\n"};
        for (int round = 0; round < 20_000; round++) {
            String glob = randomFrom(random, globParts, 5);
            int[] text = GoText.codePoints(randomFrom(random, textParts, 8));
            ShellPattern pattern = ShellPattern.compile(glob);
            String context = "glob [" + glob + "] text [" + new String(text, 0, text.length) + "]";

            int from = random.nextInt(text.length + 1);
            int shortest = -1;
            int longest = -1;
            for (int end = from; end <= text.length; end++) {
                if (referenceMatches(glob, 0, text, from, end)) {
                    shortest = shortest < 0 ? end : shortest;
                    longest = end;
                }
            }
            assertEquals(shortest, pattern.matchPrefix(text, from, false), context);
            assertEquals(longest, pattern.matchPrefix(text, from, true), context);

            int[] expected = null;
            for (int start = from; start <= text.length && expected == null; start++) {
                for (int end = text.length; end >= start; end--) {
                    if (referenceMatches(glob, 0, text, start, end)) {
                        expected = new int[] {start, end};
                        break;
                    }
                }
            }
            int[] actual = pattern.findLeftmostLongest(text, from);
            if (expected == null) {
                assertNull(actual, context);
            } else {
                assertArrayEquals(expected, actual, context);
            }
        }
    }

    @Test
    void patternsThatWouldMakeABacktrackingMatcherExplodeStayFast() {
        String many = "a".repeat(20_000);
        String glob = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(many, PatternOperations.trimPrefix(glob, many, true));
            assertEquals(many, PatternOperations.trimSuffix(glob, many, false));
            assertEquals(many, PatternOperations.replaceAll(glob, many, "x"));
            assertEquals("x", PatternOperations.replaceAll("a*a", many, "x"));
        });
    }

    @Test
    void backslashBeforeBraceOrSlashIsDroppedAndOtherEscapesAreRejected() {
        int[] text = GoText.codePoints("}/x");
        assertEquals(2, ShellPattern.compile("\\}\\/").matchPrefix(text, 0, false));
        assertEquals("invalid escape '\\x'", assertThrows(LexFailure.class, () -> ShellPattern.compile("\\x")).reason());
    }

    @Test
    void reversingAGlobKeepsEscapePairsInOrder() {
        assertEquals("c\\*ba", PatternOperations.reverseGlob("ab\\*c"));
        assertEquals("\\a", PatternOperations.reverseGlob("a\\"));
    }
}
