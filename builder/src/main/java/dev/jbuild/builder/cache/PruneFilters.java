package dev.jbuild.builder.cache;

import dev.jbuild.parser.text.GoDuration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code --filter key=value} of {@code jbuild prune}. Only {@code until} is known: Docker's timestamp
 * or duration ({@code filters.GetTimestamp}), which is a Go duration counted back from now
 * ({@code 24h}, {@code 1h30m}), an RFC 3339 time ({@code 2024-01-02T15:04:05Z}, with an offset or a
 * fraction; without a zone it is local time; a date alone is local midnight; Go's shorter layouts
 * {@code 2024-01-02T15}, {@code 2024-01-02T15Z07:00} and {@code 2024-01-02Z07:00} too), or Unix seconds
 * with an optional fraction ({@code 1700000000}, {@code 1700000000.5}).
 */
public final class PruneFilters {
    private static final Pattern UNIX_SECONDS = Pattern.compile("(\\d+)(?:\\.(\\d{1,9}))?");
    /** Go's "2006-01-02T15" and "2006-01-02T15Z07:00": an hour with no minutes, local or zoned. */
    private static final Pattern HOUR_ONLY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T(\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    /** Go's "2006-01-02Z07:00": a date with a zone, which means midnight there. */
    private static final Pattern ZONED_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(Z|[+-]\\d{2}:\\d{2})");

    private PruneFilters() {
    }

    /**
     * The cutoff of the {@code until} filter among {@code filters}, or null when there is none.
     *
     * @throws PruneArgumentException for a malformed filter, an unknown key, two {@code until}s, or a
     *     value that is neither a time nor a duration
     */
    public static Instant until(List<String> filters, Instant now, ZoneId zone) {
        Instant until = null;
        for (String filter : filters) {
            int equals = filter.indexOf('=');
            if (equals < 0) {
                throw new PruneArgumentException("bad format of filter (expected name=value): '" + filter + "'");
            }
            // Docker trims and lowercases the name, and trims the value.
            String key = filter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = filter.substring(equals + 1).trim();
            if (!key.equals("until")) {
                throw new PruneArgumentException("invalid filter '" + key + "'");
            }
            if (until != null) {
                throw new PruneArgumentException("more than one until filter specified");
            }
            until = timestamp(value, now, zone);
        }
        return until;
    }

    /** One {@code until} value: a duration before {@code now}, a time, or Unix seconds. */
    public static Instant timestamp(String value, Instant now, ZoneId zone) {
        if (!value.equals("0")) { // Docker reads a bare 0 as the Unix epoch, not as a zero duration
            try {
                return now.minus(GoDuration.parse(value));
            } catch (GoDuration.InvalidDurationException | ArithmeticException | DateTimeException e) {
                // not a duration: a time, then
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            // no zone, or not a full time
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            // a date alone, or Unix seconds
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            // a shorter Go layout, or Unix seconds
        }
        try {
            var hour = HOUR_ONLY.matcher(value);
            if (hour.matches()) {
                LocalDateTime time = LocalDate.parse(hour.group(1)).atTime(Integer.parseInt(hour.group(2)), 0);
                return hour.group(3) == null ? time.atZone(zone).toInstant()
                        : time.atOffset(ZoneOffset.of(hour.group(3))).toInstant();
            }
            var date = ZONED_DATE.matcher(value);
            if (date.matches()) {
                return LocalDate.parse(date.group(1)).atStartOfDay().atOffset(ZoneOffset.of(date.group(2))).toInstant();
            }
        } catch (DateTimeException e) {
            // an impossible date or hour: falls through to the error
        }
        var seconds = UNIX_SECONDS.matcher(value);
        if (seconds.matches()) {
            try {
                String fraction = seconds.group(2) == null ? "" : seconds.group(2);
                long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
                return Instant.ofEpochSecond(Long.parseLong(seconds.group(1)), nanos);
            } catch (NumberFormatException | DateTimeException e) {
                // too large: falls through to the error
            }
        }
        throw new PruneArgumentException("failed to parse value as time or duration: \"" + value + "\"");
    }
}
