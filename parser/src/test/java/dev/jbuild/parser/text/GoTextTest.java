package dev.jbuild.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoTextTest {
    @Test
    void escapesLikeStrconvQuote() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\x01\\u00a0\u00e9\"", GoText.quote("a\"b\\c\n\t\u0001\u00a0\u00e9"));
    }

    @Test
    void keepsPrintableUnicodeAndEscapesInvisibleOnes() {
        assertEquals("\"♥☃\\u200b\\ufeff\\U000e0001\\x7f\"", GoText.quote("♥☃\u200b\ufeff\uDB40\uDC01\u007f"));
    }
}
