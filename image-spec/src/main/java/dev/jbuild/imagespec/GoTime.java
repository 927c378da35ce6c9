package dev.jbuild.imagespec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps the way Go's encoding/json writes {@code time.Time}: RFC 3339 with up to nine fraction
 * digits, trailing zeros dropped. Using Go's exact form keeps a config written here byte-identical
 * to the one BuildKit writes for the same content.
 *
 * <p>Written and read by hand rather than with {@code java.time.format}: setting up
 * {@code DateTimeFormatter} takes several milliseconds of every build's start, for a fixed format.
 */
public final class GoTime {
    private GoTime() {
    }

    /** {@code 2024-01-02T03:04:05.5Z}: UTC, fraction trimmed, none when whole seconds. */
    public static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            text.append(year); // Go refuses to marshal these; never produced by a build
        } else {
            pad(text, year, 4);
        }
        text.append('-');
        pad(text, utc.getMonthValue(), 2);
        text.append('-');
        pad(text, utc.getDayOfMonth(), 2);
        text.append('T');
        pad(text, utc.getHour(), 2);
        text.append(':');
        pad(text, utc.getMinute(), 2);
        text.append(':');
        pad(text, utc.getSecond(), 2);
        int nanos = utc.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            text.append('.');
            pad(text, nanos, digits);
        }
        return text.append('Z').toString();
    }

    /**
     * Parses RFC 3339 ({@code 2006-01-02T15:04:05[.fraction](Z|±hh:mm)}, the form Go writes and reads);
     * null for text that is not such a timestamp (lenient reading).
     */
    public static Instant parseOrNull(String text) {
        if (text == null || text.length() < 20 || !fixedSeparatorsAt(text)) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < text.length() && isDigit(text.charAt(position))) {
                position++;
            }
            int count = position - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        Integer offsetSeconds = offset(text, position);
        if (Math.min(Math.min(year, month), Math.min(Math.min(day, hour), Math.min(minute, second))) < 0
                || offsetSeconds == null) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // February 30th and the like
        }
    }

    private static boolean fixedSeparatorsAt(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-' && (text.charAt(10) == 'T' || text.charAt(10) == 't')
                && text.charAt(13) == ':' && text.charAt(16) == ':';
    }

    /** The offset at {@code position} to the end: Z, or ±hh:mm; null when malformed. */
    private static Integer offset(String text, int position) {
        int rest = text.length() - position;
        if (rest == 1 && (text.charAt(position) == 'Z' || text.charAt(position) == 'z')) {
            return 0;
        }
        if (rest != 6 || text.charAt(position + 3) != ':') {
            return null;
        }
        char sign = text.charAt(position);
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 17 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The decimal number in {@code text[start, start + count)}, or -1 when any of it is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        text.append(digits);
    }
}
