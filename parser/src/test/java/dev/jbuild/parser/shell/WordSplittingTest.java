package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplittingTest {
    @Test
    void heredocOperatorIsGluedToTheBlanksAfterIt() {
        assertEquals(List.of("cat", "<< \tEOF", "<x", "<<"), DEFAULT.expandWords("cat << \tEOF <x <<", ENV));
    }

    @Test
    void defaultWordIsSplitLikeAnUnquotedExpansion() {
        assertEquals(List.of("a", "bc"), DEFAULT.expandWords("${X:-a b}c", ENV));
        assertEquals(List.of("a b", "c"), DEFAULT.expandWords("\"${X:-a b}\" c", ENV));
    }

    @Test
    void textBeforeAModifierExpansionStaysInTheWord() {
        assertEquals(List.of("prea", "x"), DEFAULT.expandWords("pre${X:-a} x", ENV));
    }

    @Test
    void emptyQuotedStringsProduceNoWords() {
        assertEquals(List.of("a"), DEFAULT.expandWords("\"\" a ''", ENV));
    }

    @Test
    void unicodeSpacesSplitAsInGo() {
        assertEquals(List.of("a", "b", "c"), DEFAULT.expandWords("a\u00a0b\u2003c", ENV));
        assertEquals(List.of("a", "b"), DEFAULT.expandWords("$SPACED", ENV));
    }

    @Test
    void singleWordProcessingKeepsWhitespace() {
        assertEquals(" a  b ", expand(" $SPACED "));
    }

    @Test
    void leadingByteOrderMarkIsSkippedLikeGoTextScanner() {
        assertEquals("abc", expand("\uFEFFabc"));
        assertEquals("a\uFEFFb", expand("a\uFEFFb"));
    }
}
