package dev.jbuild.cli.build;

/**
 * Text as a terminal shows it: how many cells it takes, cut to a number of cells, and a program's output
 * line made safe to show in one line of a live view (tabs expanded, a carriage return's overwritten part
 * dropped, escape sequences and other control characters removed).
 */
final class TerminalText {
    private static final int TAB = 8;

    private TerminalText() {
    }

    /** One line of a step's output, as the terminal would leave it: only what the last carriage return left. */
    static String clean(String line) {
        int cr = line.lastIndexOf('\r');
        String text = cr < 0 ? line : line.substring(cr + 1);
        StringBuilder out = new StringBuilder(text.length());
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\t') {
                int spaces = TAB - column % TAB;
                out.append(" ".repeat(spaces));
                column += spaces;
            } else if (c == 0x1b) {
                i = skipEscape(text, i);
            } else if (!Character.isISOControl(c)) {
                out.appendCodePoint(c);
                column += cells(c);
            }
        }
        return out.toString();
    }

    /** After ESC: a CSI sequence ({@code ESC [ ... final byte}), an OSC one (ended by BEL or ESC \), or one character. */
    private static int skipEscape(String text, int i) {
        if (i >= text.length()) {
            return i;
        }
        char kind = text.charAt(i);
        if (kind == '[') {
            int j = i + 1;
            while (j < text.length() && (text.charAt(j) < 0x40 || text.charAt(j) > 0x7e)) {
                j++;
            }
            return Math.min(j + 1, text.length());
        }
        if (kind == ']') {
            int j = i + 1;
            while (j < text.length() && text.charAt(j) != 0x07 && !text.startsWith("\u001b\\", j)) {
                j++;
            }
            return j >= text.length() ? j : j + (text.charAt(j) == 0x07 ? 1 : 2);
        }
        return i + 1;
    }

    /** The cells {@code text} (without control characters) takes. */
    static int width(String text) {
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            cells += cells(c);
            i += Character.charCount(c);
        }
        return cells;
    }

    /** The longest start of {@code text} that takes at most {@code columns} cells. */
    static String cut(String text, int columns) {
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = cells + cells(c);
            if (next > columns) {
                return text.substring(0, i);
            }
            cells = next;
            i += Character.charCount(c);
        }
        return text;
    }

    /**
     * {@code text} in lines of at most {@code columns} cells, broken between words (a word longer than a line
     * is cut), its leading spaces kept, every line after the first starting with {@code indent}.
     */
    static java.util.List<String> wrap(String text, int columns, String indent) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String words = text.stripLeading();
        StringBuilder line = new StringBuilder(text.substring(0, text.length() - words.length()));
        int start = line.length(); // where the current line's words begin
        for (String word : words.split(" +")) {
            String rest = word;
            while (!rest.isEmpty()) {
                boolean first = line.length() == start;
                int room = columns - width(line.toString()) - (first ? 0 : 1);
                if (width(rest) <= room) {
                    line.append(first ? "" : " ").append(rest);
                    rest = "";
                    continue;
                }
                if (first) {
                    String part = cut(rest, Math.max(room, 1));
                    line.append(part);
                    rest = rest.substring(part.length());
                }
                lines.add(line.toString());
                line = new StringBuilder(indent);
                start = indent.length();
            }
        }
        if (line.length() > start) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** wcwidth's answer for the common cases: combining marks take none, East Asian wide and emoji two. */
    private static int cells(int c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        boolean wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f)
                || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)
                || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f)
                || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
        return wide ? 2 : 1;
    }
}
