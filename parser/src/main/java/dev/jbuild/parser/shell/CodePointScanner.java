package dev.jbuild.parser.shell;

/**
 * Reads a string one Unicode code point at a time, like Go's {@code text/scanner} does for
 * BuildKit's lexer: a byte-order mark as the very first character is skipped.
 */
final class CodePointScanner {
    static final int EOF = -1;

    private static final int BYTE_ORDER_MARK = 0xFEFF;

    private final int[] codePoints;
    private int position;

    CodePointScanner(String text) {
        this.codePoints = text.codePoints().toArray();
        this.position = codePoints.length > 0 && codePoints[0] == BYTE_ORDER_MARK ? 1 : 0;
    }

    int peek() {
        return position < codePoints.length ? codePoints[position] : EOF;
    }

    int next() {
        return position < codePoints.length ? codePoints[position++] : EOF;
    }
}
