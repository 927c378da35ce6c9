package dev.jbuild.parser.ignore;

import dev.jbuild.platform.GoPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the text of a {@code .dockerignore} file into its effective lines, applying the same
 * preprocessing as Docker's reader followed by Docker's pattern-list constructor:
 * <ol>
 *   <li>a UTF-8 byte-order mark at the start of the file is dropped; lines end at "\n", and a "\r"
 *       before it is dropped;</li>
 *   <li>a line whose very first character is '#' is a comment (" #x" is a pattern, not a comment);</li>
 *   <li>the line is trimmed of Unicode white space (Go's definition); blank lines are skipped;</li>
 *   <li>a leading '!' marks an exception, and the rest is trimmed again;</li>
 *   <li>the pattern is cleaned like {@code filepath.Clean}, and a leading '/' is dropped, so
 *       {@code /foo}, {@code ./foo} and {@code foo/} all mean {@code foo};</li>
 *   <li>the '!' is put back and the whole entry is trimmed and cleaned once more, exactly as
 *       Docker does. That second pass only changes odd lines: {@code / x} becomes {@code x},
 *       {@code / } is dropped, and {@code !/} becomes a bare '!', which is an error.</li>
 * </ol>
 * Checking glob syntax is left to the caller.
 */
final class DockerIgnoreReader {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DockerIgnoreReader() {
    }

    static List<IgnorePattern> read(String text) {
        List<IgnorePattern> patterns = new ArrayList<>();
        int start = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        int lineNumber = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lineNumber++;
            IgnorePattern pattern = readLine(text.substring(start, contentEnd), lineNumber);
            if (pattern != null) {
                patterns.add(pattern);
            }
            start = end + 1;
        }
        return patterns;
    }

    private static IgnorePattern readLine(String line, int lineNumber) {
        if (line.startsWith("#")) {
            return null;
        }
        String pattern = trimGoSpace(line);
        if (pattern.isEmpty()) {
            return null;
        }
        boolean exception = pattern.charAt(0) == '!';
        if (exception) {
            pattern = trimGoSpace(pattern.substring(1));
        }
        if (!pattern.isEmpty()) {
            pattern = GoPaths.clean(pattern);
            if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                pattern = pattern.substring(1);
            }
        }
        // Docker's pattern list trims and cleans each entry again; stripping '/' can expose blanks.
        String entry = trimGoSpace(exception ? "!" + pattern : pattern);
        if (entry.isEmpty()) {
            return null;
        }
        entry = GoPaths.clean(entry);
        if (entry.charAt(0) == '!') {
            if (entry.length() == 1) {
                throw new DockerIgnoreSyntaxException(lineNumber, trimGoSpace(line),
                        "an exception needs a pattern after '!'", null);
            }
            return new IgnorePattern(entry.substring(1), false, lineNumber);
        }
        return new IgnorePattern(entry, true, lineNumber);
    }

    /** Go's {@code strings.TrimSpace}, whose idea of white space differs from Java's. */
    static String trimGoSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code unicode.IsSpace}: ASCII white space, NEL, NBSP and the Unicode White_Space set. */
    private static boolean isGoSpace(char c) {
        switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0',
                    '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }
}
