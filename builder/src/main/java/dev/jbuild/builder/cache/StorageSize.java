package dev.jbuild.builder.cache;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as Docker's {@code --keep-storage} reads it (go-units {@code RAMInBytes}): a decimal number,
 * an optional space, and an optional unit {@code k m g t p}, each a power of 1024, optionally followed
 * by {@code b} or {@code ib}; or a plain {@code b}. Case does not matter: {@code 512MB}, {@code 10GB},
 * {@code 1.5g}, {@code 100k}, {@code 2KiB}, {@code 42}. Fractions of a byte are dropped.
 */
public final class StorageSize {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+) ?([a-zA-Z]*)");
    private static final String PREFIXES = "kmgtp";

    private StorageSize() {
    }

    /** @throws PruneArgumentException with go-units' message for text that is not a size */
    public static long parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new PruneArgumentException("invalid size: '" + text + "'");
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2).toLowerCase(Locale.ROOT);
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(multiplier(suffix)));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new PruneArgumentException("invalid size: '" + text + "' is too large");
        }
        return bytes.longValue();
    }

    private static long multiplier(String suffix) {
        if (suffix.isEmpty() || suffix.equals("b")) {
            return 1;
        }
        int power = PREFIXES.indexOf(suffix.charAt(0)) + 1;
        String rest = suffix.substring(1);
        if (power == 0 || !(rest.isEmpty() || rest.equals("b") || rest.equals("ib"))) {
            throw new PruneArgumentException("invalid suffix: '" + suffix + "'");
        }
        return 1L << (10 * power);
    }
}
