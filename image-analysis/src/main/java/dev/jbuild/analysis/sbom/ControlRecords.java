package dev.jbuild.analysis.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 822-style stanzas, as dpkg's status file and Debian copyright files have them: fields
 * {@code Name: value}, continuation lines starting with a space, stanzas separated by blank lines.
 * Also the one-letter {@code K:value} records of Alpine's installed database.
 */
final class ControlRecords {
    private ControlRecords() {
    }

    static List<Map<String, String>> parse(String text, boolean apk) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
            } else if (!apk && (line.startsWith(" ") || line.startsWith("\t"))) {
                if (last != null) {
                    current.put(last, current.get(last) + "\n" + line.substring(1));
                }
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    current.putIfAbsent(last, line.substring(colon + 1).trim());
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
