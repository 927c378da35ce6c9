package dev.jbuild.imagespec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads JSON text into Jackson's tree model straight from the streaming parser, without an
 * {@code ObjectMapper}. A mapper is built from hundreds of classes and looks up a deserializer
 * before its first tree; in a command that lives a tenth of a second that set-up cost more than
 * reading every document it needed (a cached rebuild reads a dozen).
 *
 * <p>{@link #compact} is the other way: the text {@code JsonNode.toString()} gives (which builds a
 * mapper of its own on first use).
 *
 * <p>The tree is the one {@code ObjectMapper.readTree} gives with trailing tokens refused: integers
 * as int, long or big-integer nodes by size, other numbers as doubles, and a repeated key keeps its
 * last value, as Go's decoder does.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * The document's tree, or null when the text holds no value at all.
     *
     * @throws JsonParseException for malformed JSON or anything after the value
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readDocument(parser);
        }
    }

    /** As {@link #read(byte[])}, for text already decoded. */
    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readDocument(parser);
        }
    }

    private static JsonNode readDocument(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return null;
        }
        JsonNode value = readValue(parser);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + trailing
                    + ") found after value (bound as `JsonNode`)");
        }
        return value;
    }

    /** The value starting at the parser's current token; leaves the parser on its last token. */
    private static JsonNode readValue(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "Unexpected token " + parser.currentToken());
        }
    }

    /**
     * The tree as compact JSON text, character for character what {@code node.toString()} gives (cache
     * keys are made of it, so it must not change).
     */
    public static String compact(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> {
                if (node.isInt()) {
                    generator.writeNumber(node.intValue());
                } else if (node.isLong()) {
                    generator.writeNumber(node.longValue());
                } else if (node.isBigInteger()) {
                    generator.writeNumber(node.bigIntegerValue());
                } else if (node.isBigDecimal()) {
                    generator.writeNumber(node.decimalValue());
                } else if (node.isFloat()) {
                    generator.writeNumber(node.floatValue());
                } else if (node.isShort()) {
                    generator.writeNumber(node.shortValue());
                } else {
                    generator.writeNumber(node.doubleValue());
                }
            }
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }
}
