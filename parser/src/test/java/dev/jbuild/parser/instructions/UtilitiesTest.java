package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.text.GoDuration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small Go-compatible helpers, checked against values Go itself produces. */
class UtilitiesTest {

    @ParameterizedTest
    @CsvSource({
        "30s,30000000000", "1m30s,90000000000", "500ms,500000000", "1h,3600000000000", "1.5h,5400000000000",
        ".5s,500000000", "1.s,1000000000", "1us,1000", "1\u00b5s,1000", "1\u03bcs,1000", "7ns,7", "0,0", "+5s,5000000000",
        "-5s,-5000000000", "1h2m3s4ms5us6ns,3723004005006", "0.000000001s,1", "2562047h47m16.854775807s,9223372036854775807",
    })
    void goDurationParsesLikeGo(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|time: invalid duration \"\"",
        "abc|time: invalid duration \"abc\"",
        ".|time: invalid duration \".\"",
        "-|time: invalid duration \"-\"",
        "30|time: missing unit in duration \"30\"",
        "1h30|time: missing unit in duration \"1h30\"",
        "30x|time: unknown unit \"x\" in duration \"30x\"",
        "3 s|time: unknown unit \" s\" in duration \"3 s\"",
        "2562048h|time: invalid duration \"2562048h\"",
    })
    void goDurationRejectsLikeGo(String text, String message) {
        assertEquals(message, assertThrows(GoDuration.InvalidDurationException.class, () -> GoDuration.parse(text)).getMessage());
    }

    @Test
    void suggestionNeedsDistanceBelowThreeAndNoExactMatch() {
        assertEquals("did you mean cache?", Suggestions.hint("cahce", MountSpecParser.TYPES, true));
        assertNull(Suggestions.hint("bind", MountSpecParser.TYPES, true));
        assertNull(Suggestions.hint("volume", MountSpecParser.TYPES, true));
        assertNull(Suggestions.hint("abc", List.of("xyz"), true));
        assertEquals("did you mean abz?", Suggestions.hint("abc", List.of("xyz", "abzz", "abz"), true));
    }

    @Test
    void caseInsensitiveSuggestionAnswersInTheTypedCase() {
        assertEquals("did you mean COPY?", Suggestions.hint("CPY", InstructionParser.KEYWORDS, false));
        assertEquals("did you mean copy?", Suggestions.hint("cpy", InstructionParser.KEYWORDS, false));
        assertNull(Suggestions.hint("Copy", InstructionParser.KEYWORDS, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"u+x", "go-w", "=rw,+X", "u=rwx,go=rx", "go=u-w", "a+t", "o=", "ug+s"})
    void symbolicModesFollowChmodGrammar(String mode) {
        assertTrue(Chmod.isSymbolic(mode));
    }

    @ParameterizedTest
    @ValueSource(strings = {"u", "x+u", "u+x,", ",", "u+q", "uu"})
    void malformedSymbolicModesAreRejected(String mode) {
        assertFalse(Chmod.isSymbolic(mode));
    }

    @Test
    void chmodOctalValue() {
        assertEquals(0755, Chmod.octalValue("755"));
        assertNull(Chmod.octalValue("u+x"));
        assertNull(Chmod.octalValue("10000"));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1b,1", "10KB,10240", "1M,1048576", "1 g,1073741824", "0.5k,512"})
    void byteSizesAreBinary(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "1x", "-1", "1..2k", "1.2.3"})
    void malformedByteSizesAreRejected(String text) {
        assertNull(ByteSize.parse(text));
    }

    @Test
    void csvFieldsSplitOnCommasOutsideQuotes() {
        assertEquals(List.of("type=bind", "target=/a,b", "x\"y", ""), MountCsv.fields("type=bind,\"target=/a,b\",\"x\"\"y\","));
    }

    @Test
    void goIntegersFollowStrconv() {
        assertEquals(7, GoIntegers.parseInt32("+7"));
        assertEquals(-2147483648, GoIntegers.parseInt32("-2147483648"));
        assertEquals(4294967295L, GoIntegers.parseUint32("4294967295", 10));
        assertNull(GoIntegers.parseUint32("4294967296", 10));
        assertNull(GoIntegers.parseUint32("+1", 10));
        assertEquals(0755L, GoIntegers.parseUint32("0755", 8));
    }
}
