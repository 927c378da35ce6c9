package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.List;

/**
 * BuildKit's word splitter for ENV, LABEL and ARG: whitespace separates words except inside quotes, and
 * quotes and escapes are kept in the words (the expander removes them later).
 */
final class QuoteAwareWords {
    private QuoteAwareWords() {}

    static List<String> split(String rest, char escape) {
        WordBuffer words = new WordBuffer();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
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
                words.end();
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
                    words.append(ch);
                    ch = rest.charAt(++pos);
                }
                words.append(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                inWord = false;
                words.end();
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                words.quoteOpened();
                inQuote = true;
            }
            if (ch == escape) {
                if (pos + 1 == n) {
                    continue;
                }
                // Outside quotes the escape and the next character are both kept; the next one loses any
                // special meaning, so an escaped quote does not open a quote.
                words.append(ch);
                ch = rest.charAt(++pos);
            }
            words.append(ch);
        }
        return words.words();
    }
}
