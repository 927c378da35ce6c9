package dev.jbuild.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.SyntaxParser;
import org.junit.jupiter.api.Test;

/** Errors about very long input show a readable stretch of it, not all of it. */
class ExcerptTest {

    private static DockerfileSyntaxException syntaxError(String dockerfile) {
        return assertThrows(DockerfileSyntaxException.class, () ->
                dev.jbuild.parser.instructions.InstructionParser.parseAll(SyntaxParser.parse(dockerfile, "Dockerfile")));
    }

    @Test
    void aShortLineIsShownWhole() {
        assertEquals(new Excerpt.Line("RUNN echo hi", 1), Excerpt.line("RUNN echo hi", 1));
    }

    @Test
    void aMegabyteLineShowsTheStretchAroundTheColumnWithMarkers() {
        String line = "RUN " + "x".repeat(500_000) + "HERE" + "y".repeat(500_000);
        int column = 4 + 500_000 + 1;

        Excerpt.Line shown = Excerpt.line(line, column);

        assertTrue(shown.text().startsWith("...x"), shown.text());
        assertTrue(shown.text().endsWith("y... (" + (line.length() - Excerpt.LINE_WIDTH) + " more characters)"),
                shown.text());
        assertEquals("HERE", shown.text().substring(shown.caretColumn() - 1, shown.caretColumn() + 3));
        assertTrue(shown.text().length() < 220, shown.text());
    }

    @Test
    void aLongMessageKeepsItsStartAndItsEnd() {
        String message = "failed to process \"" + "z".repeat(100_000) + "\": exit code: 1";

        String shown = Excerpt.message(message);

        assertTrue(shown.startsWith("failed to process \"zzz"), shown);
        assertTrue(shown.endsWith("\": exit code: 1"), shown);
        assertTrue(shown.contains(" ... (" + (message.length() - Excerpt.MESSAGE_WIDTH) + " characters cut) ... "), shown);
        assertTrue(shown.length() < Excerpt.MESSAGE_WIDTH + 40, shown);
    }

    /** The line is refused for its length (Docker's 65 535 limit), and shown in part. */
    @Test
    void aSyntaxErrorOnAMegabyteLinePrintsAFewHundredCharacters() {
        String dockerfile = "FROM scratch\nRUNN " + "a".repeat(1_000_000) + "\n";

        String printed = syntaxError(dockerfile).withCaret();
        assertTrue(printed.length() < 1_000, printed.length() + " characters: " + printed.substring(0, Math.min(300, printed.length())));
        assertTrue(printed.startsWith("Dockerfile:2:1: dockerfile line greater than max allowed size of 65535\n"
                + "  RUNN aaaa"), printed);
        assertTrue(printed.endsWith("\n  ^"), printed);
    }

    @Test
    void anErrorFarIntoALongLinePointsIntoTheShownStretch() {
        String dockerfile = "FROM scratch\nCOPY --chown=" + "u".repeat(30_000) + " --bogus=1 a b\n";

        String printed = syntaxError(dockerfile).withCaret();
        assertTrue(printed.length() < 1_000, printed.length() + " characters");
        assertTrue(printed.contains("more characters)"), printed);
    }
}
