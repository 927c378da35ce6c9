package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.DEFAULT;
import static dev.jbuild.parser.shell.ExpanderFixture.ENV;
import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static dev.jbuild.parser.shell.ExpanderFixture.failureMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkipUnsetTest {
    private final ShellExpander skipping = DEFAULT.withSkipUnset(true);

    @Test
    void unsetReferencesStayAsWrittenWhileSetOnesExpand() {
        assertEquals("$X ${Y} ${Z:-a b} ${W/a/b} ${U#x} /home /home",
                expand(skipping, "$X ${Y} ${Z:-a b} ${W/a/b} ${U#x} $PWD ${PWD:-x}"));
    }

    @Test
    void replaceAllOfUnsetVariableIsWrittenBackWithOneSlashAsBuildKitDoes() {
        assertEquals("${V/a/b}", expand(skipping, "${V//a/b}"));
    }

    @Test
    void requiredCheckOfUnsetVariableIsLeftAsWrittenButEmptyOneStillFails() {
        assertEquals("${X:?}", expand(skipping, "${X:?}"));
        assertEquals("failed to process \"${NULL:?}\": NULL: is not allowed to be empty",
                failureMessage(skipping, "${NULL:?}"));
    }

    @Test
    void unsupportedModifierOnUnsetVariableIsLeftAsWritten() {
        assertEquals("${X:YYY}", expand(skipping, "${X:YYY}"));
    }

    @Test
    void wordsOfAKeptReferenceAreSplitLikeAnyUnquotedExpansion() {
        assertEquals(List.of("${Z:-a", "b}"), skipping.expandWords("${Z:-a b}", ENV));
    }
}
