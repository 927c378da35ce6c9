package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;
import java.math.BigInteger;

/** Go's {@code strconv} integer parsing, with its messages, where BuildKit passes them through. */
final class GoIntegers {
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);

    private GoIntegers() {}

    /** {@code strconv.ParseInt(s, 10, 32)}: optional sign, decimal digits, 32-bit range. */
    static int parseInt32(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            throw new InstructionException("strconv.ParseInt: parsing " + GoText.quote(s) + ": invalid syntax");
        }
        BigInteger value = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (value.compareTo(INT32_MIN) < 0 || value.compareTo(INT32_MAX) > 0) {
            throw new InstructionException("strconv.ParseInt: parsing " + GoText.quote(s) + ": value out of range");
        }
        return value.intValue();
    }

    /**
     * {@code strconv.ParseUint(s, radix, 32)}: digits only (no sign, no prefix), at most 2^32-1.
     * Returns null when the text is not such a number, for callers to word their own message.
     */
    static Long parseUint32(String s, int radix) {
        String digits = radix == 8 ? "[0-7]+" : "[0-9]+";
        if (!s.matches(digits)) {
            return null;
        }
        BigInteger value = new BigInteger(s, radix);
        return value.compareTo(UINT32_MAX) > 0 ? null : value.longValue();
    }
}
