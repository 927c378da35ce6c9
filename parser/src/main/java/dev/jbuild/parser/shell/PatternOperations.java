package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;

/**
 * The pattern modifiers of {@code ${...}}: {@code #}/{@code ##} (trim prefix), {@code %}/
 * {@code %%} (trim suffix), {@code /} and {@code //} (replace first / every match).
 */
final class PatternOperations {
    private PatternOperations() {
    }

    static String trimPrefix(String glob, String value, boolean longest) {
        ShellPattern pattern = compile(glob);
        int[] text = GoText.codePoints(value);
        int end = pattern.matchPrefix(text, 0, longest);
        return end < 0 ? value : GoText.fromCodePoints(text, end, text.length);
    }

    /**
     * BuildKit trims a suffix by reversing both the value and the glob (keeping escape pairs in
     * order) and trimming a prefix; doing the same keeps its error messages, which show the
     * reversed glob.
     */
    static String trimSuffix(String glob, String value, boolean longest) {
        String reversed = trimPrefix(reverseGlob(glob), reverse(value), longest);
        return reverse(reversed);
    }

    static String replaceFirst(String glob, String value, String replacement) {
        ShellPattern pattern = compile(glob);
        int[] text = GoText.codePoints(value);
        int[] match = pattern.findLeftmostLongest(text, 0);
        if (match == null) {
            return value;
        }
        return GoText.fromCodePoints(text, 0, match[0]) + replacement
                + GoText.fromCodePoints(text, match[1], text.length);
    }

    /**
     * Replaces every non-overlapping match, walking the value the way Go's
     * {@code Regexp.ReplaceAllString} does (an empty match right after a previous match is not
     * replaced), and expands {@code $0}-style references in the replacement as Go does.
     */
    static String replaceAll(String glob, String value, String replacementTemplate) {
        ShellPattern pattern = compile(glob);
        int[] text = GoText.codePoints(value);
        StringBuilder out = new StringBuilder(value.length());
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= text.length) {
            int[] match = pattern.findLeftmostLongest(text, searchPos);
            if (match == null) {
                break;
            }
            int start = match[0];
            int end = match[1];
            out.append(GoText.fromCodePoints(text, lastMatchEnd, start));
            if (end > lastMatchEnd || start == 0) {
                out.append(GoReplacementTemplate.expand(replacementTemplate,
                        GoText.fromCodePoints(text, start, end)));
            }
            if (out.length() > ExpansionLimits.MAX_VALUE) {
                throw ExpansionLimits.valueTooLong(); // a long replacement for every character multiplies the value
            }
            lastMatchEnd = end;
            searchPos = searchPos + 1 > end ? searchPos + 1 : end;
        }
        out.append(GoText.fromCodePoints(text, lastMatchEnd, text.length));
        return out.toString();
    }

    private static ShellPattern compile(String glob) {
        try {
            return ShellPattern.compile(glob);
        } catch (LexFailure invalid) {
            throw new LexFailure("invalid pattern (" + glob + ") in substitution: " + invalid.reason());
        }
    }

    /** Reverses a glob character by character, except that {@code \x} stays {@code \x}. */
    static String reverseGlob(String glob) {
        int[] in = GoText.codePoints(glob);
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int target = last - i;
            if (in[i] == '\\' && i != last) {
                out[target - 1] = '\\';
                out[target] = in[i + 1];
                i += 2;
            } else {
                out[target] = in[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    private static String reverse(String text) {
        int[] in = GoText.codePoints(text);
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[in.length - 1 - i] = in[i];
        }
        return new String(out, 0, out.length);
    }
}
