package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.List;

/**
 * Reads the leading {@code --flag} words of an instruction's arguments the way BuildKit does: quotes are
 * removed, the escape character takes the next character literally, and a bare {@code --} ends the flags.
 */
final class FlagScanner {

    record Result(List<String> flags, String rest) {}

    private FlagScanner() {}

    static Result scan(String line, char escape) {
        WordBuffer words = new WordBuffer();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        int n = line.length();
        for (int pos = 0; pos <= n; pos++) {
            char ch = pos < n ? line.charAt(pos) : 0;
            if (!inWord) {
                if (pos == n) {
                    break;
                }
                if (GoText.isSpace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
                    return new Result(words.words(), line.substring(pos));
                }
                inWord = true;
            }
            if (pos == n) {
                if (!words.currentIs("--")) {
                    words.end();
                }
                break;
            }
            if (inQuote) {
                if (ch == quote) {
                    inQuote = false;
                    continue;
                }
                if (ch == escape) {
                    if (pos + 1 == n) {
                        inQuote = false;
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                words.append(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                inWord = false;
                if (words.currentIs("--")) {
                    return new Result(words.words(), line.substring(pos));
                }
                words.end();
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                words.quoteOpened();
                inQuote = true;
                continue;
            }
            if (ch == escape) {
                if (pos + 1 == n) {
                    continue;
                }
                ch = line.charAt(++pos);
            }
            words.append(ch);
        }
        return new Result(words.words(), "");
    }
}
