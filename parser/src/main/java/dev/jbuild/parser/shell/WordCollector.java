package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the word list for multi-word processing. Text that came from an unquoted {@code $}
 * expansion or plain input is "splittable": whitespace in it ends a word. Quoted and escaped
 * text is "literal": it always joins the current word, whitespace included.
 */
final class WordCollector {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    // True once anything (even an empty quoted string) was added since the last split; a split
    // only emits a word when the buffer is non-empty, so "" alone never produces a word.
    private boolean inWord;

    void addSplittable(int cp) {
        if (GoText.isSpace(cp)) {
            if (inWord && current.length() != 0) {
                words.add(current.toString());
                current.setLength(0);
                inWord = false;
            }
        } else {
            addLiteral(cp);
        }
    }

    void addSplittable(String text) {
        text.codePoints().forEach(this::addSplittable);
    }

    void addLiteral(int cp) {
        current.appendCodePoint(cp);
        inWord = true;
    }

    void addLiteral(String text) {
        current.append(text);
        inWord = true;
    }

    List<String> finish() {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
            inWord = false;
        }
        return List.copyOf(words);
    }
}
