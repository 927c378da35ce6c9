package dev.jbuild.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Go's fmt and text/template see values, for values held as JSON trees: what {@code %v} prints
 * ({@code [a b]} for a slice, {@code map[k:v]} for a map, {@code <no value>} for a missing field), and
 * what is true in an {@code if}.
 */
final class GoValues {
    private GoValues() {}

    /** {@code fmt.Sprint(value)}, {@code %v}. */
    static String print(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "<no value>";
        }
        if (value.isNull()) {
            return "<nil>";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return formatFloat(value.doubleValue());
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        StringBuilder out = new StringBuilder();
        if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : " ").append(nested(value.get(i)));
            }
            return out.append(']').toString();
        }
        out.append("map[");
        boolean first = true;
        for (String key : sortedKeys(value)) {
            out.append(first ? "" : " ").append(key).append(':').append(nested(value.get(key)));
            first = false;
        }
        return out.append(']').toString();
    }

    /** Inside a slice or map, nil prints as Go prints a nil interface there. */
    private static String nested(JsonNode value) {
        return value.isNull() ? "<nil>" : print(value);
    }

    /** Go's %v for a float64: the shortest representation, exponent form from 1e21 up or below 1e-4. */
    static String formatFloat(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            return new BigDecimal(value).toPlainString();
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e21 || magnitude < 1e-4) {
            String text = Double.toString(value).replace("E", "e").replace(".0e", "e");
            int e = text.indexOf('e');
            String exponent = text.substring(e + 1);
            boolean negative = exponent.startsWith("-");
            String digits = negative ? exponent.substring(1) : exponent;
            return text.substring(0, e) + "e" + (negative ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** template's truth: false, 0, nil, and empty strings, slices and maps are false. */
    static boolean truth(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return value.size() > 0;
    }

    /** A map's keys in Go's order for printing and ranging: sorted. */
    static List<String> sortedKeys(JsonNode map) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            keys.add(it.next().getKey());
        }
        keys.sort(null);
        return keys;
    }

    /** {@code .Name} of a map; missing when it has no such key. */
    static JsonNode field(JsonNode value, String name) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return MissingNode.getInstance();
        }
        if (!value.isObject()) {
            throw new TemplateException("can't evaluate field " + name + " in type " + typeName(value));
        }
        JsonNode found = value.get(name);
        return found == null ? MissingNode.getInstance() : found;
    }

    /** Go's name for the type a value would have in Docker's data. */
    static String typeName(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "<nil>";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "int64";
        }
        if (value.isNumber()) {
            return "float64";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isArray() ? "[]interface {}" : "map[string]interface {}";
    }
}
