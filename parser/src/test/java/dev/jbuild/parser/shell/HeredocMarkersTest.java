package dev.jbuild.parser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The heredoc examples of FORMAT.md §1.6, and a few more edges of the same rules. */
class HeredocMarkersTest {

    private static List<HeredocMarker> find(String line) {
        return HeredocMarkers.find(line);
    }

    @Test
    void digitsBeforeTheOperatorAreTheFileDescriptor() {
        assertEquals(List.of(new HeredocMarker("EOF", 3, true, false)), find("RUN 3<<EOF"));
    }

    @Test
    void escapedQuoteIsPartOfTheNameAndStillExpands() {
        assertEquals(List.of(new HeredocMarker("eo'f", 0, true, false)), find("RUN <<eo\\'f"));
    }

    @Test
    void quotedNameMayContainSpacesAndDisablesExpansion() {
        assertEquals(List.of(new HeredocMarker("one two", 0, false, false)), find("RUN <<'one two'"));
    }

    @Test
    void dollarNameIsKeptAsWritten() {
        assertEquals(List.of(new HeredocMarker("$EOF", 0, true, false)), find("RUN <<$EOF"));
        assertEquals(List.of(new HeredocMarker("${EOF}", 0, true, false)), find("RUN <<${EOF}"));
    }

    @Test
    void quotedOperatorAndJsonFormAreNotHeredocs() {
        assertEquals(List.of(), find("RUN \"<<EOF\""));
        assertEquals(List.of(), find("RUN [\"<<EOF\"]"));
    }

    @Test
    void dashAfterOperatorChomps() {
        assertEquals(List.of(new HeredocMarker("EOF", 0, true, true)), find("RUN <<-EOF"));
    }

    @Test
    void partlyQuotedNameDisablesExpansion() {
        assertEquals(List.of(new HeredocMarker("EOF", 0, false, false)), find("RUN <<E\"O\"F"));
    }

    @Test
    void twoMarkersOnOneLineComeInOrder() {
        assertEquals(List.of(new HeredocMarker("X", 0, true, false), new HeredocMarker("Y", 0, true, false)),
                find("COPY <<X <<Y /dest"));
    }

    @Test
    void dashThenSpaceIsNotRecognisedBecauseTheLexerSplitsIt() {
        assertEquals(List.of(), find("RUN <<- EOF"));
    }

    @Test
    void blanksBetweenOperatorAndNameAreAllowed() {
        assertEquals(List.of(new HeredocMarker("EOF", 0, true, false)), find("RUN <<  \tEOF"));
        assertEquals(List.of(new HeredocMarker("EOF", 2, false, true)), find("RUN cat 2<<-'EOF' > /x"));
    }

    @Test
    void unlexableLineHasNoHeredocs() {
        assertEquals(List.of(), find("RUN <<EOF 'unbalanced"));
    }

    @Test
    void operatorWithoutNameOrWithAnotherLessThanIsNotAMarker() {
        assertEquals(List.of(), find("RUN cat << "));
        assertEquals(List.of(), find("RUN cat <<<word"));
        assertEquals(List.of(), find("RUN a<<EOF"));
    }

    @Test
    void nameThatLexesToNoWordIsNotAMarker() {
        assertEquals(List.of(), find("RUN <<\"\""));
    }

    @Test
    void escapeDirectiveDoesNotMatterBecauseBackslashIsAlwaysTheEscape() {
        assertEquals(List.of(new HeredocMarker("a b", 0, true, false)), find("RUN <<a\\ b"));
        assertEquals(List.of(new HeredocMarker("a`", 0, true, false)), find("RUN <<a`"));
    }

    @Test
    void nameThatFailsToLexIsAnErrorAsInBuildKit() {
        // The whole line keeps "${X:-a" and "b}" as separate words; the first one's name does not lex.
        ShellExpansionException failure = assertThrows(ShellExpansionException.class, () -> find("RUN <<${X:-a b}"));
        assertEquals("failed to process \"${X:-a\": syntax error: missing '}'", failure.getMessage());
    }
}
