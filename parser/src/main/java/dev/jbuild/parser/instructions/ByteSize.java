package dev.jbuild.parser.instructions;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's {@code units.RAMInBytes}, used by tmpfs {@code size=}: a decimal number with an optional
 * binary unit k, m, g, t or p (any case, optionally followed by {@code i} and/or {@code b}), so
 * {@code 64m}, {@code 1.5GiB} and {@code 100} are valid; 1k is 1024 bytes.
 */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private ByteSize() {}

    /** The size in bytes, or null when the text is not a size. */
    static Long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            return null; // "1.2.3" passes Docker's pattern but not its float parser
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(2).pow(shift));
        try {
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
