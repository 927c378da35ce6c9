package dev.jbuild.parser.text;

import java.util.Locale;

/**
 * The few Go text conventions BuildKit's messages and word splitting depend on, so that jbuild
 * splits words on the same characters and prints errors the same way.
 */
public final class GoText {
    private GoText() {
    }

    /** Go's {@code unicode.IsSpace}: Latin-1 spaces plus Unicode's White_Space property. */
    public static boolean isSpace(int cp) {
        if (cp <= 0xFF) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0;
        }
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Go's {@code unicode.IsLetter} (categories Lu, Ll, Lt, Lm, Lo). */
    public static boolean isLetter(int cp) {
        return Character.isLetter(cp);
    }

    /** Go's {@code unicode.IsDigit} (category Nd, any script). */
    public static boolean isDigit(int cp) {
        return Character.isDigit(cp);
    }

    /**
     * Go's {@code string(rune)} and {@code %c}, used where BuildKit builds a message from a
     * character; the scanner's EOF value (-1) comes out as U+FFFD.
     */
    public static String runeToString(int cp) {
        return cp < 0 || cp > Character.MAX_CODE_POINT ? "\uFFFD" : new String(Character.toChars(cp));
    }

    /** Go's {@code %q} / {@code strconv.Quote}, which BuildKit uses to show the failing input. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(cp -> appendQuoted(out, cp));
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (isPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7F) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                } else if (cp < 0x10000) {
                    out.append(String.format(Locale.ROOT, "\\u%04x", cp));
                } else {
                    out.append(String.format(Locale.ROOT, "\\U%08x", cp));
                }
            }
        }
    }

    /** Go's {@code strconv.IsPrint}: categories L, M, N, P, S and the ASCII space. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's {@code unicode.ToUpper} applied rune by rune (simple case mapping, as {@code strings.ToUpper}). */
    public static String toUpper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(cp)));
        return out.toString();
    }

    public static int[] codePoints(String text) {
        return text.codePoints().toArray();
    }

    public static String fromCodePoints(int[] codePoints, int from, int to) {
        return new String(codePoints, from, to - from);
    }
}
