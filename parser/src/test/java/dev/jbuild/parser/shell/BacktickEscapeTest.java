package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BacktickEscapeTest {
    private final ShellExpander backtick = new ShellExpander('`');

    @Test
    void backtickEscapesOutsideQuotesAndBackslashIsPlainText() {
        assertEquals("a$b C:\\path\\/home", expand(backtick, "a`$b C:\\path\\$PWD"));
    }

    @Test
    void backtickEscapesQuoteInsideDoubleQuotes() {
        assertEquals("x\"y`z", expand(backtick, "\"x`\"y``z\""));
    }

    @Test
    void trailingBacktickIsDropped() {
        assertEquals("abc", expand(backtick, "abc`"));
    }

    @Test
    void escapedSpaceDoesNotSplitWords() {
        assertEquals(List.of("a b", "c"), backtick.expandWords("a` b c", ENV));
    }

    @Test
    void globsEscapeWithBackslashEvenUnderBacktickEscape() {
        assertEquals("b*c", expand(backtick, "${STARS#*\\*}"));
        // the lexer keeps the backtick in the glob, where it is an ordinary character
        assertEquals("a*b*c", expand(backtick, "${STARS#`*}"));
    }

    @Test
    void onlyBackslashAndBacktickAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new ShellExpander('x'));
    }
}
