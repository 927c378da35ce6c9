package dev.jbuild.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextWrapperTest {

    private static String wrap(String text, int column, int indent, int width) {
        StringBuilder out = new StringBuilder();
        TextWrapper.wrap(out, text, column, indent, width);
        return out.toString();
    }

    @Test
    void wrappedLinesStartAtTheIndent() {
        assertEquals("aaa bbb\n  ccc", wrap("aaa bbb ccc", 0, 2, 8));
    }

    @Test
    void aWordThatIsNotTheLastMustFitWithTheSpaceAfterIt() {
        assertEquals("aaa\nbbbb c", wrap("aaa bbbb c", 0, 0, 8));
        assertEquals("aaa bbbb", wrap("aaa bbbb", 0, 0, 8), "the last word may end on the last column");
    }

    @Test
    void theFirstLineContinuesFromTheGivenColumn() {
        assertEquals("one\n    two", wrap("one two", 4, 4, 9));
    }

    @Test
    void aWordLongerThanALineIsCutAtTheLinesEnd() {
        assertEquals("x\n  abcdef\n  ghijkl", wrap("x abcdefghijkl", 0, 2, 8));
    }

    @Test
    void repeatedSpacesCountAsOne() {
        assertEquals("a b", wrap("a  b ", 0, 0, 80));
    }
}
