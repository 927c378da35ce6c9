package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the leading {@code --flag} words of an instruction's arguments the way BuildKit does: quotes are
 * removed, the escape character takes the next character literally, and a bare {@code --} ends the flags.
 */
final class FlagScanner {

    record Result(List<String> flags, String rest) {}

    private FlagScanner() {}

    static Result scan(String line, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
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
                    return new Result(words, line.substring(pos));
                }
                inWord = true;
            }
            if (pos == n) {
                if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
                    words.add(word.toString());
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
                word.append(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                inWord = false;
                if (word.toString().equals("--")) {
                    return new Result(words, line.substring(pos));
                }
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
                continue;
            }
            if (ch == escape) {
                if (pos + 1 == n) {
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        return new Result(words, "");
    }
}
