package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static dev.jbuild.parser.shell.ExpanderFixture.failureMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpansionErrorMessagesTest {
    @Test
    void requiredUnsetVariable() {
        assertEquals("failed to process \"${X:?}\": X: is not allowed to be unset", failureMessage(DEFAULT, "${X:?}"));
    }

    @Test
    void requiredEmptyVariableAndCustomMessage() {
        assertEquals("failed to process \"${NULL:?}\": NULL: is not allowed to be empty",
                failureMessage(DEFAULT, "${NULL:?}"));
        assertEquals("failed to process \"${X?set X $PWD}\": X: set X /home",
                failureMessage(DEFAULT, "${X?set X $PWD}"));
    }

    @Test
    void badSubstitution() {
        assertEquals("failed to process \"a${}\": syntax error: bad substitution", failureMessage(DEFAULT, "a${}"));
        assertEquals("failed to process \"${:-x}\": syntax error: bad substitution", failureMessage(DEFAULT, "${:-x}"));
    }

    @Test
    void unsupportedModifiers() {
        assertEquals("failed to process \"${X=y}\": unsupported modifier (=) in substitution",
                failureMessage(DEFAULT, "${X=y}"));
        assertEquals("failed to process \"${X:=y}\": unsupported modifier (:=) in substitution",
                failureMessage(DEFAULT, "${X:=y}"));
        assertEquals("failed to process \"${X:#y}\": unsupported modifier (:#) in substitution",
                failureMessage(DEFAULT, "${X:#y}"));
        assertEquals("failed to process \"${.}\": unsupported modifier (.) in substitution",
                failureMessage(DEFAULT, "${.}"));
    }

    @Test
    void unterminatedQuotes() {
        assertEquals("failed to process \"\\\"abc\": unexpected end of statement while looking for matching double-quote",
                failureMessage(DEFAULT, "\"abc"));
        assertEquals("failed to process \"'abc\": unexpected end of statement while looking for matching single-quote",
                failureMessage(DEFAULT, "'abc"));
    }

    @Test
    void missingClosingBraceOrSlash() {
        assertEquals("failed to process \"${X\": syntax error: missing '}'", failureMessage(DEFAULT, "${X"));
        assertEquals("failed to process \"${X:-\\\"a}\": syntax error: missing '}'", failureMessage(DEFAULT, "${X:-\"a}"));
        assertEquals("failed to process \"${X/abc}\": syntax error: missing '/' in ${}", failureMessage(DEFAULT, "${X/abc}"));
    }

    @Test
    void invalidGlobEscape() {
        assertEquals("failed to process \"${FRUIT#\\\\a}\": invalid pattern (\\a) in substitution: invalid escape '\\a'",
                failureMessage(DEFAULT, "${FRUIT#\\a}"));
        assertEquals("failed to process \"${FRUIT#'\\\\'}\": invalid pattern (\\) in substitution: invalid escape '\\\uFFFD'",
                failureMessage(DEFAULT, "${FRUIT#'\\'}"));
    }

    @Test
    void inputIsQuotedLikeGoPercentQ() {
        assertEquals("failed to process \"\\t\\u00a0é${X?}\": X: is not allowed to be unset",
                failureMessage(DEFAULT, "\t\u00a0é${X?}"));
    }

    @Test
    void exceptionSeparatesInputAndReason() {
        ShellExpansionException failure =
                assertThrows(ShellExpansionException.class, () -> DEFAULT.expandWords("a ${X:?gone}", ENV));
        assertEquals("a ${X:?gone}", failure.input());
        assertEquals("X: gone", failure.reason());
    }

    @Test
    void nestingIsBoundedWithATypedError() {
        int limit = ShellWordLexer.MAX_NESTING;
        assertEquals("x", expand("${a:-".repeat(limit) + "x" + "}".repeat(limit)));
        String tooDeep = "${a:-".repeat(limit + 1) + "x" + "}".repeat(limit + 1);
        assertEquals("syntax error: ${...} nested more than " + limit + " levels deep",
                assertThrows(ShellExpansionException.class, () -> DEFAULT.expandWord(tooDeep, ENV)).reason());
    }
}
