package dev.jbuild.parser.syntax;

import dev.jbuild.parser.text.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether instruction arguments are in exec (JSON) form. BuildKit accepts the arguments as JSON
 * only when the whole text is one valid JSON document that is an array of strings; a valid array holding
 * anything else is an error, and any other text silently falls back to shell form.
 *
 * <p>The validator is iterative (an explicit stack) so that hostile nesting cannot overflow the Java
 * stack; like Go's decoder it gives up past 10 000 levels, which counts as "not JSON".
 */
final class JsonStringArray {

    static final String NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";
    private static final int MAX_DEPTH = 10_000;

    /** Thrown for a valid JSON array that holds something other than strings. */
    static final class NotStringArrayException extends Exception {
        NotStringArrayException() {
            super(NOT_STRINGS, null, false, false);
        }
    }

    private final String s;
    private int pos;

    private JsonStringArray(String s) {
        this.s = s;
    }

    /** The strings of the array, or empty when the text is not a JSON array (shell form). */
    static Optional<List<String>> parse(String text) throws NotStringArrayException {
        int start = 0;
        while (start < text.length() && dev.jbuild.parser.text.GoText.isSpace(text.charAt(start))) {
            start++;
        }
        if (start >= text.length() || text.charAt(start) != '[') {
            return Optional.empty();
        }
        JsonStringArray parser = new JsonStringArray(text);
        parser.pos = start;
        List<Object> elements = parser.document();
        if (elements == null) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof String str)) {
                throw new NotStringArrayException();
            }
            strings.add(str);
        }
        return Optional.of(strings);
    }

    private static final Object NON_STRING = new Object();

    /** Top-level array elements (strings, or NON_STRING), or null when the text is not valid JSON. */
    private List<Object> document() {
        List<Object> top = new ArrayList<>();
        // Stack of open containers: '[' or '{'. State machine per container: expecting value/key or separator.
        StringBuilder stack = new StringBuilder();
        boolean expectValue = true; // in an array: value; in an object: key
        boolean afterComma = false;
        pos++; // the opening '['
        stack.append('[');
        skipWs();
        if (peek() == ']') {
            pos++;
            stack.setLength(0);
            return trailingOnly() ? top : null;
        }
        while (!stack.isEmpty()) {
            skipWs();
            char container = stack.charAt(stack.length() - 1);
            if (expectValue) {
                if (container == '{') {
                    if (peek() != '"' || string() == null) {
                        return null;
                    }
                    skipWs();
                    if (peek() != ':') {
                        return null;
                    }
                    pos++;
                    skipWs();
                }
                char c = peek();
                Object value;
                if (c == '[' || c == '{') {
                    if (stack.length() >= MAX_DEPTH) {
                        return null;
                    }
                    pos++;
                    skipWs();
                    char close = c == '[' ? ']' : '}';
                    if (stack.length() == 1) {
                        top.add(NON_STRING);
                    }
                    if (peek() == close) {
                        pos++;
                        expectValue = false;
                        afterComma = false;
                        continue;
                    }
                    stack.append(c);
                    expectValue = true;
                    continue;
                } else if (c == '"') {
                    value = string();
                    if (value == null) {
                        return null;
                    }
                } else if (!scalar()) {
                    return null;
                } else {
                    value = NON_STRING;
                }
                if (stack.length() == 1) {
                    top.add(value);
                }
                expectValue = false;
                afterComma = false;
            } else {
                char c = peek();
                char close = container == '[' ? ']' : '}';
                if (c == ',') {
                    pos++;
                    expectValue = true;
                    afterComma = true;
                } else if (c == close) {
                    pos++;
                    stack.setLength(stack.length() - 1);
                    expectValue = false;
                } else {
                    return null;
                }
            }
        }
        return afterComma || !trailingOnly() ? null : top;
    }

    private boolean trailingOnly() {
        skipWs();
        return pos == s.length();
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    /** JSON whitespace only: space, tab, CR, LF. */
    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= s.length()) {
                return null;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        return null;
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos + i), 16);
                        if (d < 0) {
                            return null;
                        }
                        cp = cp * 16 + d;
                    }
                    pos += 4;
                    out.append((char) cp);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean scalar() {
        for (String literal : new String[] {"true", "false", "null"}) {
            if (s.startsWith(literal, pos)) {
                pos += literal.length();
                return true;
            }
        }
        return number();
    }

    private boolean number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (Character.isDigit(peek()) && peek() < 128) {
                pos++;
            }
        } else {
            pos = start;
            return false;
        }
        if (peek() == '.') {
            pos++;
            if (!(peek() >= '0' && peek() <= '9')) {
                return false;
            }
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                return false;
            }
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
        }
        return true;
    }
}
