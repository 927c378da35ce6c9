package dev.jbuild.lint.rules;

import java.util.ArrayList;
import java.util.List;

/** Small text helpers the checks share. */
final class Texts {
    private Texts() {}

    /** The word without one pair of surrounding quotes. */
    static String unquote(String word) {
        if (word.length() >= 2) {
            char first = word.charAt(0);
            char last = word.charAt(word.length() - 1);
            if ((first == '"' || first == '\'') && last == first) {
                return word.substring(1, word.length() - 1);
            }
        }
        return word;
    }

    /** Unchanged by lower-casing; read in place (no copy), as it is asked of every keyword of a file. */
    static boolean isLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase(s.charAt(i)) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Unchanged by upper-casing. */
    static boolean isUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.toUpperCase(s.charAt(i)) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** An absolute path on Linux or Windows ({@code /app}, {@code C:\app}, {@code C:/app}, {@code \app}). */
    static boolean isAbsolutePath(String path) {
        return path.startsWith("/") || path.startsWith("\\")
                || path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':';
    }

    /** A variable reference in a Dockerfile word or shell script. */
    record VariableRef(String name, int offset) {}

    /**
     * The {@code $NAME} and {@code ${NAME...}} references in {@code text}, outside single quotes and not
     * escaped. Positional and special parameters ({@code $1}, {@code $@}) are not names and are skipped.
     */
    static List<VariableRef> variableRefs(String text) {
        List<VariableRef> refs = new ArrayList<>();
        boolean inDouble = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'' && !inDouble) {
                int close = text.indexOf('\'', i + 1);
                i = close < 0 ? text.length() : close;
            } else if (c == '"') {
                inDouble = !inDouble;
            } else if (c == '$' && i + 1 < text.length()) {
                int start = text.charAt(i + 1) == '{' ? i + 2 : i + 1;
                int end = start;
                if (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
                    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                        end++;
                    }
                    refs.add(new VariableRef(text.substring(start, end), i));
                }
            }
        }
        return refs;
    }
}
