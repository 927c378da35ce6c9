package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text as a terminal shows it: cells, cutting, cleaning and wrapping. */
class TerminalTextTest {
    @Test
    void wideCharactersTakeTwoCellsAndMarksNone() {
        assertEquals(4, TerminalText.width("日本"));
        assertEquals(1, TerminalText.width("e\u0301"));
        assertEquals("日", TerminalText.cut("日本", 3));
    }

    @Test
    void cleaningKeepsWhatTheTerminalWouldShowOnOneLine() {
        assertEquals("ab      c", TerminalText.clean("ab\tc"));
        assertEquals("done", TerminalText.clean("10%\r50%\rdone"));
        assertEquals("red plain", TerminalText.clean("\u001b[31mred\u001b[0m plain\u0007"));
        assertEquals("title gone", TerminalText.clean("\u001b]0;a title\u0007title gone"));
    }

    @Test
    void wrappingBreaksBetweenWordsAndCutsOnlyWordsLongerThanALine() {
        assertEquals(List.of(" - one two", "   three"), TerminalText.wrap(" - one two three", 10, "   "));
        assertEquals(List.of("abcdefghij", "  klm"), TerminalText.wrap("abcdefghijklm", 10, "  "));
    }
}
