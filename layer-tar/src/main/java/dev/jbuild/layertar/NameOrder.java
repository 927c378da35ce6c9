package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import java.util.Comparator;

/** The orders layer entries and PAX records are written in. */
final class NameOrder {
    /**
     * Order of entry names: path component by component (so a directory's whole subtree comes
     * right after it, parents before children, like a sorted directory walk), and among siblings
     * the opaque marker first, then whiteouts, then everything else in code point order. The OCI
     * spec asks for whiteouts before their sibling entries; this makes it so whatever the names.
     */
    static final Comparator<String> ENTRIES = NameOrder::compareEntryNames;

    private NameOrder() {
    }

    private static int compareEntryNames(String a, String b) {
        String[] pa = components(a);
        String[] pb = components(b);
        int n = Math.min(pa.length, pb.length);
        for (int k = 0; k < n; k++) {
            if (!pa[k].equals(pb[k])) {
                int byRank = Integer.compare(rank(pa[k]), rank(pb[k]));
                return byRank != 0 ? byRank : CodePointOrder.compare(pa[k], pb[k]);
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    private static int rank(String component) {
        if (component.equals(Whiteouts.OPAQUE_MARKER)) {
            return 0;
        }
        return component.startsWith(Whiteouts.PREFIX) ? 1 : 2;
    }

    private static String[] components(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
