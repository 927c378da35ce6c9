package dev.jbuild.imagespec;

import java.util.Comparator;

/**
 * Unicode code point order, which is the byte order of the UTF-8 encoding: how Go sorts strings, and
 * so the order of directory listings, PAX records and JSON object keys in what Docker writes.
 * {@link String#compareTo} compares UTF-16 units and differs for characters above U+FFFF.
 */
public final class CodePointOrder {
    public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

    private CodePointOrder() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
