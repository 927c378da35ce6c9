package dev.jbuild.parser.text;

/**
 * What an error message shows of user input that may be any length (a 1 MB Dockerfile line, a script of
 * thousands of lines): a readable stretch, with a marker saying how much was left out.
 */
public final class Excerpt {
    /** Characters of a source line shown under an error, around the column it points at. */
    public static final int LINE_WIDTH = 160;
    /** Characters of a one-line error message beyond which its middle is cut. */
    public static final int MESSAGE_WIDTH = 400;
    private static final int MESSAGE_TAIL = 80;
    private static final String CUT = "...";

    /** A source line cut to {@link #LINE_WIDTH} around {@code column}, and where the caret goes in it. */
    public record Line(String text, int caretColumn) {
    }

    private Excerpt() {
    }

    /**
     * @param column 1-based column to keep in view (and to put the caret under)
     */
    public static Line line(String line, int column) {
        if (line.length() <= LINE_WIDTH) {
            return new Line(line, column);
        }
        int at = Math.max(0, Math.min(column - 1, line.length()));
        int start = Math.max(0, Math.min(at - LINE_WIDTH / 4, line.length() - LINE_WIDTH));
        int end = Math.min(line.length(), start + LINE_WIDTH);
        String text = (start > 0 ? CUT : "") + line.substring(start, end)
                + (end < line.length() ? CUT + " (" + (line.length() - end + start) + " more characters)" : "");
        return new Line(text, at - start + 1 + (start > 0 ? CUT.length() : 0));
    }

    /** {@code text} itself when short enough, else its start and its end with the middle cut out and counted. */
    public static String message(String text) {
        if (text == null || text.length() <= MESSAGE_WIDTH) {
            return text;
        }
        int head = MESSAGE_WIDTH - MESSAGE_TAIL;
        int cut = text.length() - head - MESSAGE_TAIL;
        return text.substring(0, head) + " " + CUT + " (" + cut + " characters cut) " + CUT + " "
                + text.substring(text.length() - MESSAGE_TAIL);
    }
}
