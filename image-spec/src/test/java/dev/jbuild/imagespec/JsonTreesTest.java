package dev.jbuild.imagespec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming tree reader gives the tree Jackson's own mapper gives (the oracle here). */
class JsonTreesTest {
    private static final ObjectMapper ORACLE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:ab\",\"size\":1234},\"layers\":[{\"a\":[true,false,null]}]}",
        "{\"small\":7,\"long\":9000000000,\"huge\":123456789012345678901234567890,\"negative\":-3,\"float\":1.5e3}",
        "{\"text\":\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\n tab\\t\",\"empty\":\"\"}",
        "{\"dup\":1,\"dup\":2}",
        "  [ 1 , [ 2 , [ 3 ] ] , { \"deep\" : { \"deeper\" : {} } } ]  ",
        "\"just a string\"",
        "42",
        "null"
    })
    void readsTheTreeJacksonsMapperReads(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode expected = ORACLE.readTree(bytes);
        assertEquals(expected, JsonTrees.read(bytes));
        assertEquals(expected, JsonTrees.read(json));
        assertEquals(expected.getNodeType(), JsonTrees.read(bytes).getNodeType());
    }

    @Test
    void integersKeepTheirSize() throws IOException {
        JsonNode node = JsonTrees.read("{\"i\":1,\"l\":9000000000,\"b\":123456789012345678901234567890}");
        assertTrue(node.get("i").isInt());
        assertTrue(node.get("l").isLong());
        assertTrue(node.get("b").isBigInteger());
    }

    @Test
    void nothingButWhitespaceIsNoValue() throws IOException {
        assertNull(JsonTrees.read(new byte[0]));
        assertNull(JsonTrees.read(" \n"));
    }

    @Test
    void aDocumentNestedTooDeeplyIsRefusedLikeMalformedJsonNotWithAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(JsonProcessingException.class, () -> JsonTrees.read(deep));
        InvalidImageException e = assertThrows(InvalidImageException.class,
                () -> JsonFields.object(("{\"a\":" + deep + "}").getBytes(StandardCharsets.UTF_8), "image config"));
        assertTrue(e.getMessage().startsWith("invalid image config: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"a\":1}]", "{\"a\":}", "{\"a\" 1}", "[1,2", "{'a':1}", "tru"})
    void malformedOrTrailingTextIsRefused(String json) {
        assertThrows(JsonParseException.class, () -> JsonTrees.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Env\":[\"PATH=/usr/local/bin:/usr/bin\",\"A=<b>&c\"],\"Cmd\":[\"sh\",\"-c\",\"echo \\\"hi\\\"\"]}",
        "{\"ExposedPorts\":{\"80/tcp\":{}},\"Labels\":{\"caf\u00e9\":\"\\u2028 \\u0001 \\ud83d\\ude00\"}}",
        "{\"n\":[1,9000000000,123456789012345678901234567890,-0,2.5,1e300,null,true,false]}",
        "[]"
    })
    void compactTextIsWhatToStringGives(String json) throws IOException {
        JsonNode node = ORACLE.readTree(json);
        assertEquals(node.toString(), JsonTrees.compact(node));
        assertEquals(node.toString(), JsonTrees.compact(JsonTrees.read(json)));
    }
}
