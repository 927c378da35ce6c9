package dev.jbuild.cli.store;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Docker CLI's ways of showing sizes, ages and long text (go-units and docker/cli formatters). */
public final class DockerFormat {
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final DateTimeFormatter GO_TIME_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private DockerFormat() {
    }

    /** {@code units.HumanSizeWithPrecision(size, 3)}: decimal units, three significant digits ({@code 4.26MB}). */
    public static String humanSize(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        return formatG(size, 3) + DECIMAL_UNITS[unit];
    }

    /** Go's {@code %.<precision>g}: shortest of fixed and exponent notation, trailing zeros dropped. */
    static String formatG(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** {@code units.HumanDuration}: "Less than a second", "About a minute", "3 weeks"... */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toNanos() / 3.6e12);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }

    /** The CREATED column: "2 hours ago", or "N/A" for an image without a creation time. */
    static String createdSince(Instant created, Instant now) {
        return created == null ? "N/A" : humanDuration(Duration.between(created, now)) + " ago";
    }

    /** Go's {@code time.Time.String()} in the local zone, what {@code --format json} shows as CreatedAt. */
    static String goTimeString(Instant instant) {
        return instant == null ? "" : GO_TIME_STRING.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** RFC 3339 in the local zone, what {@code history --human=false} shows. */
    static String rfc3339(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(instant.atZone(ZoneId.systemDefault()).withNano(0).toOffsetDateTime());
    }

    /** docker/cli's {@code Ellipsis}: at most {@code width} characters, the last one an ellipsis when cut. */
    static String ellipsis(String text, int width) {
        int length = text.codePointCount(0, text.length());
        if (length <= width) {
            return text;
        }
        int end = text.offsetByCodePoints(0, width - 1);
        return text.substring(0, end) + "…";
    }
}
