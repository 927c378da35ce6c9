package dev.jbuild.cli.args;

/**
 * Word wrapping that keeps help in the shape users know: words are separated by single
 * spaces, a word that is not the last must fit together with the space after it, and a word longer than
 * a whole line is cut where the line ends.
 */
final class TextWrapper {
    private TextWrapper() {}

    /**
     * Appends {@code text} to {@code out}, whose current line already reaches {@code column}; wrapped
     * lines start at {@code indent}. No line goes past {@code width}, and no line ends in a space.
     */
    static void wrap(StringBuilder out, String text, int column, int indent, int width) {
        String[] words = text.split(" "); // empty strings where spaces repeat: skipped below
        int last = lastWord(words);
        int col = column;
        boolean lineHasWord = false;
        for (int k = 0; k < words.length; k++) {
            String word = words[k];
            if (word.isEmpty()) {
                continue;
            }
            int trailing = k < last ? 1 : 0;
            int needed = (lineHasWord ? 1 : 0) + word.length() + trailing;
            if (lineHasWord && col + needed > width) {
                col = newLine(out, indent);
                lineHasWord = false;
            }
            if (lineHasWord) {
                out.append(' ');
                col++;
            }
            // a word that cannot fit even on a line of its own is cut at the line's end
            while (col + word.length() + trailing > width && word.length() > width - col && width - col > 0) {
                out.append(word, 0, width - col);
                word = word.substring(width - col);
                col = newLine(out, indent);
            }
            out.append(word);
            col += word.length();
            lineHasWord = true;
        }
    }

    private static int lastWord(String[] words) {
        int last = words.length - 1;
        while (last > 0 && words[last].isEmpty()) {
            last--;
        }
        return last;
    }

    private static int newLine(StringBuilder out, int indent) {
        out.append('\n');
        pad(out, indent);
        return indent;
    }

    /** Appends {@code count} spaces. */
    static void pad(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append(' ');
        }
    }
}
