package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.Excerpt;

/**
 * A Dockerfile that cannot be understood. Carries what the CLI needs to print one precise line
 * ({@code file:line:col: message}), the offending source line with a caret, and an optional hint.
 */
public class DockerfileSyntaxException extends RuntimeException {
    private final SourceRange range;
    private final String sourceLine;
    private final String hint;

    public DockerfileSyntaxException(String message, SourceRange range, String sourceLine, String hint) {
        super(message);
        this.range = range;
        this.sourceLine = sourceLine;
        this.hint = hint;
    }

    public DockerfileSyntaxException(String message, SourceRange range, String sourceLine) {
        this(message, range, sourceLine, null);
    }

    /** May be null for errors about the whole file (such as "file with no instructions"). */
    public SourceRange range() {
        return range;
    }

    public String sourceLine() {
        return sourceLine;
    }

    public String hint() {
        return hint;
    }

    /**
     * {@code file:line:col: message (hint)} on one line; a message that echoes long input is cut in the middle
     * ({@link Excerpt#message}).
     */
    public String oneLine() {
        String where = range == null ? "" : range.location() + ": ";
        return where + Excerpt.message(getMessage()) + (hint == null ? "" : " (" + hint + ")");
    }

    /**
     * The one-line message plus the source line and a caret under the column, for terminals and logs. A long
     * line shows only a stretch around the column, with markers where it was cut.
     */
    public String withCaret() {
        if (range == null || sourceLine == null || sourceLine.isEmpty()) {
            return oneLine();
        }
        Excerpt.Line shown = Excerpt.line(sourceLine, range.startColumn());
        String text = shown.text();
        StringBuilder caret = new StringBuilder();
        for (int i = 1; i < shown.caretColumn() && i <= text.length(); i++) {
            caret.append(text.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        return oneLine() + "\n  " + text + "\n  " + caret + "^";
    }
}
