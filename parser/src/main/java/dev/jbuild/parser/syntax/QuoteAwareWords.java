package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's word splitter for ENV, LABEL and ARG: whitespace separates words except inside quotes, and
 * quotes and escapes are kept in the words (the expander removes them later).
 */
final class QuoteAwareWords {
    private QuoteAwareWords() {}

    static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
        int n = rest.length();
        for (int pos = 0; pos <= n; pos++) {
            char ch = pos < n ? rest.charAt(pos) : 0;
            if (!inWord && !inQuote) {
                if (pos == n) {
                    break;
                }
                if (GoText.isSpace(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (pos == n) {
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                break;
            }
            if (inQuote) {
                if (ch == quote) {
                    inQuote = false;
                }
                // Inside single quotes the escape character is an ordinary character.
                if (ch == escape && quote != '\'') {
                    if (pos + 1 == n) {
                        inQuote = false;
                        continue;
                    }
                    word.append(ch);
                    ch = rest.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                inWord = false;
                if (blankOk || word.length() > 0) {
                    words.add(word.toString());
                }
                word.setLength(0);
                blankOk = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blankOk = true;
                inQuote = true;
            }
            if (ch == escape) {
                if (pos + 1 == n) {
                    continue;
                }
                // Outside quotes the escape and the next character are both kept; the next one loses any
                // special meaning, so an escaped quote does not open a quote.
                word.append(ch);
                ch = rest.charAt(++pos);
            }
            word.append(ch);
        }
        return words;
    }
}
