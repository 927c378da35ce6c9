package dev.jbuild.parser.shell;

import java.util.ArrayList;
import java.util.List;

/** Finds heredoc markers on a logical instruction line the way BuildKit's parser does. */
public final class HeredocMarkers {
    // The line is always lexed with '\' even under "# escape=`", and kept as written.
    private static final ShellExpander LINE_LEXER = new ShellExpander('\\')
            .withRawQuotes(true).withRawEscapes(true).withSkipUnset(true);
    private static final ShellExpander NAME_LEXER = new ShellExpander('\\').withSkipUnset(true);
    private static final ShellExpander RAW_NAME_LEXER = NAME_LEXER.withRawQuotes(true);

    private HeredocMarkers() {
    }

    /**
     * Finds heredoc markers in a whole logical instruction line: the line is split into words
     * with quotes and escapes kept, {@code $vars} left as written and {@code <<} glued to the
     * blanks after it; each word of the form {@code [digits]<<[-][blanks]name} whose name lexes
     * to exactly one word is a marker. If the line does not lex (an unbalanced quote, say) there
     * are no markers.
     *
     * @throws ShellExpansionException when a marker's name itself fails to lex, which BuildKit
     *     reports as a parse error of the instruction
     */
    public static List<HeredocMarker> find(String logicalLine) {
        List<String> words;
        try {
            words = LINE_LEXER.expandWords(logicalLine, VariableLookup.empty());
        } catch (ShellExpansionException unlexable) {
            return List.of();
        }
        List<HeredocMarker> markers = new ArrayList<>();
        for (String word : words) {
            HeredocMarker marker = parseMarker(word);
            if (marker != null) {
                markers.add(marker);
            }
        }
        return List.copyOf(markers);
    }

    /**
     * Reads one word as a marker: {@code ^(\d*)<<(-?)\s*([^<]*)$} with ASCII digits and Go's
     * {@code \s}, and a non-empty remainder.
     *
     * @return the marker, or null when the word is not one
     */
    static HeredocMarker parseMarker(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) >= '0' && word.charAt(i) <= '9') {
            i++;
        }
        String digits = word.substring(0, i);
        if (!word.startsWith("<<", i)) {
            return null;
        }
        i += 2;
        boolean chomp = i < word.length() && word.charAt(i) == '-';
        if (chomp) {
            i++;
        }
        while (i < word.length() && isRegexSpace(word.charAt(i))) {
            i++;
        }
        String rest = word.substring(i);
        if (rest.isEmpty() || rest.indexOf('<') >= 0) {
            return null;
        }
        return markerNamed(rest, fileDescriptor(digits), chomp);
    }

    /**
     * The name is the remainder lexed with quotes removed. Whether it was quoted is seen by
     * lexing it again with quotes kept: escaped quote characters survive both ways, so only
     * real quoting makes the counts differ.
     */
    private static HeredocMarker markerNamed(String rest, int fileDescriptor, boolean chomp) {
        List<String> words = NAME_LEXER.expandWords(rest, VariableLookup.empty());
        if (words.size() != 1) {
            return null;
        }
        List<String> rawWords = RAW_NAME_LEXER.expandWords(rest, VariableLookup.empty());
        if (rawWords.size() != 1) {
            throw new ShellExpansionException(rest, "internal lexing of heredoc produced inconsistent results");
        }
        String name = words.get(0);
        boolean expand = countQuotes(name) == countQuotes(rawWords.get(0));
        return new HeredocMarker(name, fileDescriptor, expand, chomp);
    }

    private static int countQuotes(String text) {
        return (int) text.chars().filter(c -> c == '\'' || c == '"').count();
    }

    /** Go's regexp {@code \s}: {@code [\t\n\f\r ]}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** Go parses the digits as an unsigned 64-bit number; values beyond int are clamped here. */
    private static int fileDescriptor(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = Math.min(value * 10 + (digits.charAt(i) - '0'), Integer.MAX_VALUE);
        }
        return (int) value;
    }
}
