package dev.jbuild.builder.dispatch;

import dev.jbuild.imagespec.HealthConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code created_by} strings BuildKit writes, which are Go {@code fmt} renderings: {@code %q} of a
 * string slice ({@code ["a" "b"]}), {@code %v} of one ({@code [a b]}), of a map
 * ({@code map[80/tcp:{}]}) and of the health-check struct.
 */
final class HistoryText {
    private HistoryText() {
    }

    /** Go's {@code %q} of a []string: {@code ["/bin/sh" "-c" "echo hi"]}. */
    static String quotedList(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(goQuote(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** Go's {@code %v} of a []string: {@code [/v1 /v2]}. */
    static String plainList(Collection<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's {@code %v} of a map[string]struct{}: keys sorted, {@code map[53/udp:{} 80/tcp:{}]}. */
    static String portMap(Collection<String> sortedKeys) {
        StringBuilder out = new StringBuilder("map[");
        boolean first = true;
        for (String key : sortedKeys) {
            if (!first) {
                out.append(' ');
            }
            out.append(key).append(":{}");
            first = false;
        }
        return out.append(']').toString();
    }

    /**
     * Go's {@code %q} of a *HealthConfig:
     * {@code &{["CMD-SHELL" "curl -f x"] "30s" "3s" "0s" "0s" '\x03'}}.
     */
    static String healthcheck(HealthConfig health) {
        return "&{" + quotedList(health.test()) + " " + goQuote(goDuration(health.interval())) + " "
                + goQuote(goDuration(health.timeout())) + " " + goQuote(goDuration(health.startPeriod())) + " "
                + goQuote(goDuration(health.startInterval())) + " " + goQuoteRune(health.retries()) + "}";
    }

    /** Go's {@code strconv.Quote}. */
    static String goQuote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0x07 -> out.append("\\a");
                case 0x08 -> out.append("\\b");
                case 0x0c -> out.append("\\f");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code %q} of an int: a quoted rune literal ({@code '\x03'}, {@code 'A'}). */
    static String goQuoteRune(int value) {
        String body = switch (value) {
            case '\'' -> "\\'";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case 0x07 -> "\\a";
            case 0x08 -> "\\b";
            case 0x0c -> "\\f";
            case 0x0b -> "\\v";
            default -> value < 0x20 || value == 0x7f ? String.format(Locale.ROOT, "\\x%02x", value)
                    : new String(Character.toChars(value));
        };
        return "'" + body + "'";
    }

    /** Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5s}, {@code 1m30s}, {@code 500ms}. */
    static String goDuration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        String text;
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                text = u + "ns";
            } else if (u < 1_000_000L) {
                text = fraction(u, 1_000L) + "µs";
            } else {
                text = fraction(u, 1_000_000L) + "ms";
            }
        } else {
            long hours = u / 3_600_000_000_000L;
            long rest = u % 3_600_000_000_000L;
            long minutes = rest / 60_000_000_000L;
            long secondsNanos = rest % 60_000_000_000L;
            StringBuilder out = new StringBuilder();
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(fraction(secondsNanos, 1_000_000_000L)).append('s');
            text = out.toString();
        }
        return negative ? "-" + text : text;
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long part = value % unit;
        if (part == 0) {
            return String.valueOf(whole);
        }
        String digits = String.valueOf(unit + part).substring(1);
        digits = digits.replaceAll("0+$", "");
        return whole + "." + digits;
    }

    static String keyValues(Map<String, String> pairs) {
        StringBuilder out = new StringBuilder();
        pairs.forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
        return out.toString();
    }
}
