package dev.jbuild.parser.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The words BuildKit's splitters have finished and the one they are reading. A word is kept when it has
 * characters, or when a quote opened in it ({@code ""} is an empty word, a run of spaces is none).
 */
final class WordBuffer {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean quoted;

    void append(char ch) {
        word.append(ch);
    }

    /** A quote opened in the current word: it is kept even if it stays empty. */
    void quoteOpened() {
        quoted = true;
    }

    boolean currentIs(String text) {
        return word.toString().equals(text);
    }

    /** Ends the current word, keeping it if it has characters or a quote. */
    void end() {
        if (quoted || word.length() > 0) {
            words.add(word.toString());
        }
        word.setLength(0);
        quoted = false;
    }

    List<String> words() {
        return words;
    }
}
