package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawModesTest {
    @Test
    void rawQuotesKeepsQuoteCharactersButStillExpandsInsideDoubleQuotes() {
        assertEquals("'a $PWD' \"c /home\"", expand(DEFAULT.withRawQuotes(true), "'a $PWD' \"c $PWD\""));
    }

    @Test
    void rawQuotesWordsKeepTheirQuotes() {
        assertEquals(List.of("'a b'", "\"c d\"e"),
                DEFAULT.withRawQuotes(true).expandWords("'a b' \"c d\"e", ENV));
    }

    @Test
    void rawEscapesKeepsEscapesAndDoublesALoneBackslashInDoubleQuotesAsBuildKitDoes() {
        assertEquals("a\\ b c\\\"d e\\\\f", expand(DEFAULT.withRawEscapes(true), "a\\ b \"c\\\"d\" \"e\\f\""));
    }

    @Test
    void rawEscapesDoesNotApplyToDefaultWords() {
        assertEquals("a b", expand(DEFAULT.withRawEscapes(true), "${X:-a\\ b}"));
    }

    @Test
    void skipProcessQuotesTreatsQuotesAsText() {
        assertEquals("echo \"/home\" '/home'", expand(DEFAULT.withSkipProcessQuotes(true), "echo \"$PWD\" '$PWD'"));
    }
}
