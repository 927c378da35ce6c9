package dev.jbuild.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Go's {@code fmt.Sprintf} for the verbs templates use: %v %s %d %q %t %x %X %f, with width, {@code -} and {@code 0}. */
final class GoPrintf {
    private GoPrintf() {}

    static String format(String format, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            boolean left = false;
            boolean zero = false;
            while (j < format.length() && (format.charAt(j) == '-' || format.charAt(j) == '0' || format.charAt(j) == '+')) {
                left |= format.charAt(j) == '-';
                zero |= format.charAt(j) == '0';
                j++;
            }
            int width = 0;
            while (j < format.length() && Character.isDigit(format.charAt(j))) {
                width = width * 10 + (format.charAt(j++) - '0');
            }
            int precision = -1;
            if (j < format.length() && format.charAt(j) == '.') {
                precision = 0;
                j++;
                while (j < format.length() && Character.isDigit(format.charAt(j))) {
                    precision = precision * 10 + (format.charAt(j++) - '0');
                }
            }
            if (j >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (arg >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            String text = verb(verb, args.get(arg++), precision);
            String pad = " ".repeat(Math.max(0, width - text.codePointCount(0, text.length())));
            if (left) {
                out.append(text).append(pad);
            } else if (zero && !pad.isEmpty() && verb != 's' && verb != 'q' && verb != 'v') {
                boolean negative = text.startsWith("-");
                out.append(negative ? "-" : "").append(pad.replace(' ', '0')).append(negative ? text.substring(1) : text);
            } else {
                out.append(pad).append(text);
            }
        }
        if (arg < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = arg; k < args.size(); k++) {
                out.append(k == arg ? "" : ", ").append(GoValues.typeName(args.get(k))).append('=')
                        .append(GoValues.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, JsonNode value, int precision) {
        switch (verb) {
            case 'v':
            case 's':
                String text = GoValues.print(value);
                return precision >= 0 && text.length() > precision ? text.substring(0, precision) : text;
            case 'q':
                return TemplateFunctions.json(value.isTextual() ? value : com.fasterxml.jackson.databind.node.TextNode
                        .valueOf(GoValues.print(value)));
            case 'd':
                return value.isIntegralNumber() ? value.bigIntegerValue().toString() : "%!d(" + GoValues.typeName(value)
                        + "=" + GoValues.print(value) + ")";
            case 't':
                return value.isBoolean() ? Boolean.toString(value.booleanValue()) : "%!t(" + GoValues.print(value) + ")";
            case 'x':
            case 'X':
                String hex = value.isIntegralNumber() ? Long.toHexString(value.longValue())
                        : hexOf(TemplateFunctions.text(value));
                return verb == 'X' ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
            case 'f':
                return String.format(java.util.Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "f", value.doubleValue());
            default:
                return "%!" + verb + "(" + GoValues.typeName(value) + "=" + GoValues.print(value) + ")";
        }
    }

    private static String hexOf(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append(String.format(java.util.Locale.ROOT, "%02x", b & 0xff));
        }
        return out.toString();
    }
}
