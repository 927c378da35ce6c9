package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as Go's encoding/json writes it, from a Jackson tree whose objects already hold
 * their fields in the intended order: no insignificant whitespace, {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \u003c}..., control characters as Go escapes them. The same tree
 * always gives the same bytes, so the same image config always gets the same digest, and it is the
 * same digest BuildKit computes for the same content.
 *
 * <p>Only integral numbers are written (no OCI or Docker document this store writes has others).
 * {@link #indent} gives the layout of Go's {@code json.MarshalIndent}, which {@code docker inspect}
 * prints.
 */
public final class CanonicalJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Object keys from Go maps are sorted by their UTF-8 bytes, which is code point order. */
    public static final Comparator<String> KEY_ORDER = CodePointOrder.COMPARATOR;

    private CanonicalJson() {
    }

    /** A fresh object node to fill in field order. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The compact UTF-8 bytes of the tree. */
    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The compact text of the tree. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node, null, 0);
        return out.toString();
    }

    /** The tree laid out like Go's {@code json.MarshalIndent(v, "", indent)}. */
    public static String indent(JsonNode node, String indent) {
        StringBuilder out = new StringBuilder();
        append(out, node, indent, 0);
        return out.toString();
    }

    /** Parses JSON text into a tree (for callers that want to re-emit foreign JSON canonically). */
    public static JsonNode parse(byte[] json) throws IOException {
        JsonNode node = JsonTrees.read(json);
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    private static void append(StringBuilder out, JsonNode node, String indent, int depth) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            appendObject(out, node, indent, depth);
        } else if (node.isArray()) {
            appendArray(out, node, indent, depth);
        } else if (node.isTextual()) {
            appendString(out, node.textValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            throw new IllegalArgumentException("canonical JSON holds integers only, not " + node);
        } else if (node.isBinary()) {
            throw new IllegalArgumentException("canonical JSON cannot hold binary nodes");
        } else {
            appendString(out, node.asText());
        }
    }

    private static void appendObject(StringBuilder out, JsonNode node, String indent, int depth) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            appendString(out, field.getKey());
            out.append(indent == null ? ":" : ": ");
            append(out, field.getValue(), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
    }

    private static void appendArray(StringBuilder out, JsonNode node, String indent, int depth) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(out, indent, depth + 1);
            append(out, node.get(i), indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, String indent, int depth) {
        if (indent != null) {
            out.append('\n');
            out.append(indent.repeat(depth));
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
