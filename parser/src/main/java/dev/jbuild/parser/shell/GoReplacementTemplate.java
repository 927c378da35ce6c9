package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;

/**
 * Go's {@code Regexp.Expand} for a pattern without groups, which BuildKit applies (through
 * {@code ReplaceAllString}) to the replacement of {@code ${var//glob/replacement}}:
 * {@code $$} is {@code $}; {@code $0} and {@code ${0}} are the whole match; any other
 * well-formed reference is empty; a malformed one stays literal.
 */
final class GoReplacementTemplate {
    private GoReplacementTemplate() {
    }

    static String expand(String template, String wholeMatch) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        int length = template.length();
        while (i < length) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < length && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int afterReference = referenceEnd(template, i);
            if (afterReference < 0) {
                out.append('$');
                continue;
            }
            String name = referenceName(template, i, afterReference);
            if (isGroupZero(name)) {
                out.append(wholeMatch);
            }
            i = afterReference;
        }
        return out.toString();
    }

    /** End of a {@code name} or {@code {name}} reference starting at {@code from}, or -1 if malformed. */
    private static int referenceEnd(String template, int from) {
        boolean braced = from < template.length() && template.charAt(from) == '{';
        int nameStart = braced ? from + 1 : from;
        int nameEnd = nameEnd(template, nameStart);
        if (nameEnd == nameStart) {
            return -1;
        }
        if (braced) {
            if (nameEnd >= template.length() || template.charAt(nameEnd) != '}') {
                return -1;
            }
            return nameEnd + 1;
        }
        return nameEnd;
    }

    private static String referenceName(String template, int from, int afterReference) {
        return template.charAt(from) == '{'
                ? template.substring(from + 1, afterReference - 1)
                : template.substring(from, afterReference);
    }

    private static int nameEnd(String template, int from) {
        int i = from;
        while (i < template.length()) {
            int cp = template.codePointAt(i);
            if (!GoText.isLetter(cp) && !GoText.isDigit(cp) && cp != '_') {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Go reads a reference as group 0 only when it is exactly "0" (no leading zeros). */
    private static boolean isGroupZero(String name) {
        return name.equals("0");
    }
}
