package dev.jbuild.parser.text;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which HEALTHCHECK's timing flags and prune's {@code until} filter use: a signed sequence of
 * decimal numbers, each with an optional fraction and a unit ({@code 300ms}, {@code 1h30m},
 * {@code -1.5h}, {@code .5s}). Units are ns, us (or µs/μs), ms, s, m and h; a bare {@code 0} needs
 * none. Error messages are Go's, word for word.
 */
public final class GoDuration {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** Thrown for text Go would refuse; the message is Go's. */
    public static final class InvalidDurationException extends IllegalArgumentException {
        InvalidDurationException(String message) {
            super(message);
        }
    }

    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            char first = s.charAt(i);
            if (first != '.' && !isDigit(first)) {
                throw invalid(text);
            }
            int intStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            String whole = s.substring(intStart, i);
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                int fracStart = ++i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                fraction = s.substring(fracStart, i);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                throw invalid(text); // "." or ".s"
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (unitStart == i) {
                throw new InvalidDurationException("time: missing unit in duration " + GoText.quote(text));
            }
            String unit = s.substring(unitStart, i);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new InvalidDurationException(
                        "time: unknown unit " + GoText.quote(unit) + " in duration " + GoText.quote(text));
            }
            total = total.add(component(whole, fraction, nanos, text));
            if (total.compareTo(LIMIT) > 0) {
                throw invalid(text);
            }
        }
        if (!negative && total.compareTo(LIMIT) >= 0) {
            throw invalid(text);
        }
        return Duration.ofNanos((negative ? total.negate() : total).longValue());
    }

    /** One number times its unit. */
    private static BigInteger component(String whole, String fraction, long unitNanos, String text) {
        BigInteger integral = whole.isEmpty() ? BigInteger.ZERO : new BigInteger(whole);
        if (integral.compareTo(LIMIT) > 0) {
            throw invalid(text);
        }
        BigInteger value = integral.multiply(BigInteger.valueOf(unitNanos));
        if (value.compareTo(LIMIT) > 0) {
            throw invalid(text);
        }
        if (!fraction.isEmpty()) {
            value = value.add(BigInteger.valueOf(fractionNanos(fraction, unitNanos)));
        }
        return value;
    }

    /**
     * The fraction's nanoseconds computed as Go does, in floating point ({@code 0.3333333333333333333h}
     * is exactly 20m there): digits past what fits in 63 bits are ignored, then
     * {@code (long) (digits * (unit / 10^count))}.
     */
    private static long fractionNanos(String fraction, long unitNanos) {
        long digits = 0;
        double scale = 1;
        for (int i = 0; i < fraction.length(); i++) {
            if (digits > (Long.MAX_VALUE - 9) / 10) {
                break;
            }
            digits = digits * 10 + (fraction.charAt(i) - '0');
            scale *= 10;
        }
        return (long) ((double) digits * ((double) unitNanos / scale));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidDurationException invalid(String text) {
        return new InvalidDurationException("time: invalid duration " + GoText.quote(text));
    }
}
