package dev.jbuild.parser.instructions;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code --mount} value into fields the way BuildKit's CSV reader does: commas separate
 * fields; a field that starts with {@code "} is quoted (commas inside are kept, {@code ""} is one
 * quote); a quote anywhere else in a field is an error.
 */
final class MountCsv {
    private MountCsv() {}

    static List<String> fields(String spec) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = spec.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && spec.charAt(i) == '"') {
                i = readQuoted(spec, i + 1, field);
            } else {
                while (i < n && spec.charAt(i) != ',') {
                    if (spec.charAt(i) == '"') {
                        throw failed("bare \" in non-quoted-field");
                    }
                    field.append(spec.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Reads a quoted field starting after its opening quote; returns the index after it. */
    private static int readQuoted(String spec, int start, StringBuilder field) {
        int i = start;
        int n = spec.length();
        while (i < n) {
            char c = spec.charAt(i);
            if (c != '"') {
                field.append(c);
                i++;
            } else if (i + 1 < n && spec.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
            } else if (i + 1 == n || spec.charAt(i + 1) == ',') {
                return i + 1;
            } else {
                throw failed("extraneous or missing \" in quoted-field");
            }
        }
        throw failed("extraneous or missing \" in quoted-field");
    }

    private static InstructionException failed(String reason) {
        return new InstructionException("failed to parse csv mounts: " + reason);
    }
}
