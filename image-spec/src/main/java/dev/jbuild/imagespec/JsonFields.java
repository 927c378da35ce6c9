package dev.jbuild.imagespec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lenient reading and Go-style writing of the JSON documents of the image-spec. Reading ignores
 * unknown fields and treats null like absent, as Go's decoder does for the tools that wrote them;
 * writing follows Go's {@code omitempty}: empty strings, lists and maps are left out.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** The document as an object, or an {@link InvalidImageException} naming what it should have been. */
    public static JsonNode object(byte[] json, String what) {
        JsonNode node;
        try {
            node = JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            throw new InvalidImageException("invalid " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidImageException("invalid " + what + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidImageException("invalid " + what + ": not a JSON object");
        }
        return node;
    }

    /** Refuses a manifest or index whose {@code schemaVersion} is not 2, the only one the image-spec defines. */
    static void requireSchemaVersion2(JsonNode obj, String what) {
        long version = number(obj, "schemaVersion", -1);
        if (version != 2) {
            throw new InvalidImageException("invalid " + what + ": schemaVersion " + version + " is not 2");
        }
    }

    public static boolean present(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        return value != null && !value.isNull();
    }

    /** A string field; absent, null or non-scalar gives null. */
    public static String text(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    public static String textOrEmpty(JsonNode obj, String field) {
        String text = text(obj, field);
        return text == null ? "" : text;
    }

    public static long number(JsonNode obj, String field, long absent) {
        JsonNode value = obj == null ? null : obj.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.canConvertToLong()) {
            throw new InvalidImageException("field " + field + " is not an integer: " + value);
        }
        return value.asLong();
    }

    public static boolean bool(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        return value != null && value.asBoolean(false);
    }

    public static List<String> strings(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(value.size());
        value.forEach(item -> out.add(item.isNull() ? "" : item.asText()));
        return List.copyOf(out);
    }

    public static SortedMap<String, String> stringMap(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        SortedMap<String, String> out = new TreeMap<>(CanonicalJson.KEY_ORDER);
        if (value != null && value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                out.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
            }
        }
        return out;
    }

    /** The keys of a Go {@code map[string]struct{}} such as ExposedPorts, sorted. */
    public static List<String> keySet(JsonNode obj, String field) {
        JsonNode value = obj == null ? null : obj.get(field);
        TreeSet<String> out = new TreeSet<>(CanonicalJson.KEY_ORDER);
        if (value != null && value.isObject()) {
            value.fieldNames().forEachRemaining(out::add);
        }
        return List.copyOf(out);
    }

    public static void putText(ObjectNode obj, String field, String value) {
        if (value != null && !value.isEmpty()) {
            obj.put(field, value);
        }
    }

    public static void putStrings(ObjectNode obj, String field, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = obj.putArray(field);
            values.forEach(array::add);
        }
    }

    public static void putStringMap(ObjectNode obj, String field, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode map = obj.putObject(field);
            sorted(values).forEach(map::put);
        }
    }

    public static void putKeySet(ObjectNode obj, String field, Collection<String> keys) {
        if (keys != null && !keys.isEmpty()) {
            ObjectNode map = obj.putObject(field);
            TreeSet<String> sortedKeys = new TreeSet<>(CanonicalJson.KEY_ORDER);
            sortedKeys.addAll(keys);
            sortedKeys.forEach(key -> map.putObject(key));
        }
    }

    public static SortedMap<String, String> sorted(Map<String, String> values) {
        SortedMap<String, String> out = new TreeMap<>(CanonicalJson.KEY_ORDER);
        if (values != null) {
            out.putAll(values);
        }
        return out;
    }

    public static Digest digest(JsonNode obj, String field, String what) {
        String text = text(obj, field);
        if (text == null) {
            throw new InvalidImageException("invalid " + what + ": missing " + field);
        }
        try {
            return Digest.parse(text);
        } catch (InvalidDigestException e) {
            throw new InvalidImageException("invalid " + what + ": " + e.getMessage(), e);
        }
    }
}
