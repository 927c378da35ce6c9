package dev.jbuild.imagespec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodePointOrderTest {

    @Test
    void charactersAboveTheBasicPlaneSortAfterItAsTheirUtf8BytesDo() {
        String emoji = "\uD83D\uDE00"; // U+1F600, a surrogate pair that String.compareTo puts before U+FFFF
        String lastBasic = "\uFFFF";
        assertTrue(emoji.compareTo(lastBasic) < 0, "the UTF-16 order this class exists to avoid");
        assertTrue(CodePointOrder.compare(lastBasic, emoji) < 0);
        assertTrue(CodePointOrder.compare(emoji, lastBasic) > 0);
    }

    @Test
    void theOrderIsTheByteOrderOfUtf8() {
        List<String> names = new ArrayList<>(List.of("b", "a\uD83D\uDE00", "a\uFFFF", "a", "ab", "\u00e9", "Z", ""));
        names.sort(CodePointOrder.COMPARATOR);
        List<String> byBytes = new ArrayList<>(names);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        assertEquals(byBytes, names);
        assertEquals(List.of("", "Z", "a", "ab", "a\uFFFF", "a\uD83D\uDE00", "b", "\u00e9"), names);
        assertEquals(0, CodePointOrder.compare("same", "same"));
    }
}
