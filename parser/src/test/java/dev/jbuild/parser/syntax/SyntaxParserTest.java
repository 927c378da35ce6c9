package dev.jbuild.parser.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxParserTest {

    private static SyntaxTree parse(String text) {
        return SyntaxParser.parse(text, "Dockerfile");
    }

    private static String dump(String text) {
        return SyntaxDump.dump(parse(text));
    }

    private static DockerfileSyntaxException failure(String text) {
        return assertThrows(DockerfileSyntaxException.class, () -> parse(text));
    }

    // ---- heredocs ------------------------------------------------------------------------------

    @Test
    void heredocBodyIsAttachedVerbatimAndNotDumped() {
        SyntaxTree tree = parse("FROM scratch\nRUN <<EOF\necho hi\n  # not a comment \\\nEOF\nCMD x\n");
        assertEquals("(from \"scratch\")\n(run \"<<EOF\")\n(cmd \"x\")\n", SyntaxDump.dump(tree));
        RawInstruction run = tree.instructions().get(1);
        assertEquals(List.of(new Heredoc("EOF", 0, true, false, "echo hi\n  # not a comment \\\n")), run.heredocs());
        assertEquals(2, run.range().startLine());
        assertEquals(5, run.range().endLine());
        assertEquals(6, tree.instructions().get(2).range().startLine());
    }

    @Test
    void severalHeredocsOnOneLineAreReadInMarkerOrder() {
        SyntaxTree tree = parse("FROM scratch\nCOPY <<A <<'B' /dst/\na body\nA\nb $body\nB\n");
        RawInstruction copy = tree.instructions().get(1);
        assertEquals(List.of("<<A", "<<'B'", "/dst/"), copy.args());
        assertEquals(2, copy.heredocs().size());
        assertEquals(new Heredoc("A", 0, true, false, "a body\n"), copy.heredocs().get(0));
        assertEquals(new Heredoc("B", 0, false, false, "b $body\n"), copy.heredocs().get(1));
        assertEquals(6, copy.range().endLine());
    }

    @Test
    void chompedHeredocMatchesATabIndentedTerminatorButKeepsTheTabsInTheBody() {
        RawInstruction run = parse("FROM scratch\nRUN <<-END\n\techo a\n\tEND\n").instructions().get(1);
        Heredoc heredoc = run.heredocs().get(0);
        assertTrue(heredoc.chomp());
        assertEquals("\techo a\n", heredoc.content());
    }

    @Test
    void heredocAfterAContinuationStartsAfterTheLastContinuedLine() {
        RawInstruction run = parse("FROM scratch\nRUN --network=none \\\n  python3 <<PY\nprint(1)\nPY\n").instructions().get(1);
        assertEquals(List.of("--network=none"), run.flags());
        assertEquals("print(1)\n", run.heredocs().get(0).content());
        assertEquals(5, run.range().endLine());
    }

    @Test
    void heredocUnderOnbuildBelongsToTheNestedInstruction() {
        RawInstruction onbuild = parse("FROM scratch\nONBUILD RUN <<EOF\ntrue\nEOF\n").instructions().get(1);
        assertEquals("onbuild (run \"<<EOF\")", SyntaxDump.node(onbuild));
        assertEquals("true\n", onbuild.nested().heredocs().get(0).content());
    }

    @Test
    void heredocMarkersAreIgnoredOnInstructionsThatCannotHaveThem() {
        SyntaxTree tree = parse("FROM scratch\nENV A=<<EOF\nRUN [\"cat\", \"<<EOF\"]\nCMD echo\n");
        assertEquals(4, tree.instructions().size());
        tree.instructions().forEach(i -> assertTrue(i.heredocs().isEmpty()));
    }

    @Test
    void unterminatedHeredocIsAnErrorAtItsInstruction() {
        DockerfileSyntaxException e = failure("FROM scratch\nRUN <<EOF\necho hi\n");
        assertEquals("unterminated heredoc", e.getMessage());
        assertEquals(2, e.range().startLine());
        assertEquals("Dockerfile:2:1: unterminated heredoc", e.oneLine());
    }

    @Test
    void heredocOnTheLastLineWithoutNewlineIsUnterminated() {
        assertEquals("unterminated heredoc", failure("FROM scratch\nRUN cat <<EOF").getMessage());
    }

    // ---- directives ----------------------------------------------------------------------------

    @Test
    void directivesAreReadFromTheTopWithKeysLowerCased() {
        SyntaxTree tree = parse("# syntax=docker/dockerfile:1\n#  CHECK = skip=JSONArgsRecommended \nFROM scratch\n");
        assertEquals(List.of("syntax", "check"), tree.directives().stream().map(Directive::key).toList());
        assertEquals("skip=JSONArgsRecommended", tree.directive("check").orElseThrow());
        assertEquals(2, tree.directives().get(1).range().startLine());
    }

    @Test
    void backtickEscapeChangesContinuationsAndLeavesBackslashesAlone() {
        SyntaxTree tree = parse("# escape=`\nFROM scratch\nCOPY C:\\src\\ `\n  C:\\dst\\\n");
        assertEquals('`', tree.escape());
        assertEquals(List.of("C:\\src\\", "C:\\dst\\"), tree.instructions().get(1).args());
    }

    @Test
    void directiveAfterAnInstructionOrBlankLineIsAComment() {
        assertEquals('\\', parse("\n# escape=`\nFROM scratch\n").escape());
        assertEquals('\\', parse("# hello\n# escape=`\nFROM scratch\n").escape());
        assertTrue(parse("FROM scratch\n# escape=`\nRUN a `\n").directives().isEmpty());
    }

    @Test
    void repeatedDirectiveIsAnError() {
        DockerfileSyntaxException e = failure("# syntax=a\n# syntax=b\nFROM scratch\n");
        assertEquals("only one syntax parser directive can be used", e.getMessage());
        assertEquals(2, e.range().startLine());
    }

    @Test
    void invalidEscapeTokenIsAnError() {
        DockerfileSyntaxException e = failure("# escape=x\nFROM scratch\n");
        assertEquals("invalid escape token 'x' does not match ` or \\", e.getMessage());
        assertEquals("Dockerfile:1:1: invalid escape token 'x' does not match ` or \\\n  # escape=x\n  ^", e.withCaret());
    }

    // ---- continuations, comments, positions ----------------------------------------------------

    @Test
    void continuationKeepsLeadingSpacesAndSkipsCommentAndBlankLines() {
        SyntaxTree tree = parse("FROM scratch\nRUN echo a \\\n  # comment\n\n    b \\\n\t\nc\n");
        RawInstruction run = tree.instructions().get(1);
        assertEquals(List.of("echo a     b c"), run.args());
        assertEquals(2, run.range().startLine());
        assertEquals(7, run.range().endLine());
        assertEquals(List.of("NoEmptyContinuation"), tree.warnings().stream().map(ParseWarning::rule).toList());
    }

    @Test
    void escapedEscapeAtEndOfLineDoesNotContinue() {
        assertEquals("(from \"scratch\")\n(run \"echo a\\\\\\\\\")\n(run \"b\")\n", dump("FROM scratch\nRUN echo a\\\\\nRUN b\n"));
    }

    @Test
    void continuationAtEndOfFileJustEndsTheLine() {
        SyntaxTree tree = parse("FROM scratch\nRUN echo \\\n");
        assertEquals(List.of("echo"), tree.instructions().get(1).args());
        assertEquals(2, tree.instructions().get(1).range().endLine());
    }

    @Test
    void crlfLineEndingsAreStripped() {
        assertEquals("(from \"scratch\")\n(run \"a  b\")\n", dump("FROM scratch\r\nRUN a \\\r\n b\r\n"));
    }

    @Test
    void byteOrderMarkIsDropped() {
        assertEquals("FROM", parse("\uFEFFFROM scratch\n").instructions().get(0).keyword());
    }

    @Test
    void indentedInstructionKeepsItsColumnAndCommentsAbove() {
        SyntaxTree tree = parse("FROM scratch\n# first\n# second\n   RUN true\n");
        RawInstruction run = tree.instructions().get(1);
        assertEquals(4, run.range().startColumn());
        assertEquals(List.of("first", "second"), run.comments());
        assertEquals("Dockerfile:4:4", run.range().location());
    }

    @Test
    void keywordsAreCaseInsensitiveButKeepTheirCase() {
        RawInstruction run = parse("from scratch\nrUn --mount=type=cache,target=/c make\n").instructions().get(1);
        assertEquals("rUn", run.keyword());
        assertTrue(run.is("RUN"));
        assertEquals("RUN", run.name());
    }

    // ---- shaping -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CMD [\"a\", \"b\"]                 | (cmd \"a\" \"b\")",
            "CMD ['a']                          | (cmd \"['a']\")",
            "CMD [\"a\"] trailing               | (cmd \"[\\\"a\\\"] trailing\")",
            "CMD []                             | (cmd)",
            "COPY --from=b --chmod=755 a b /d/  | (copy [\"--from=b\" \"--chmod=755\"] \"a\" \"b\" \"/d/\")",
            "COPY --a -- --b x                  | (copy [\"--a\"] \"--b\" \"x\")",
            "RUN --mount=\"type=secret,id=a b\" x | (run [\"--mount=type=secret,id=a b\"] \"x\")",
            "ENV A=1 B=\"two words\"            | (env \"A\" \"1\" \"=\" \"B\" \"\\\"two words\\\"\" \"=\")",
            "ENV LEGACY value  with spaces      | (env \"LEGACY\" \"value  with spaces\" \"\")",
            "ARG V=1.0 FLAG                     | (arg \"V=1.0\" \"FLAG\")",
            "HEALTHCHECK --interval=5s CMD [\"curl\"] | (healthcheck [\"--interval=5s\"] \"CMD\" \"curl\")",
            "ONBUILD RUN --network=none make    | (onbuild (run [\"--network=none\"] \"make\"))",
            "FOO bar baz                        | (foo \"\")",
    })
    void argumentsAreShapedPerKeyword(String line, String expected) {
        assertEquals("(from \"scratch\")\n" + expected + "\n", dump("FROM scratch\n" + line.strip() + "\n"));
    }

    @Test
    void jsonFormIsFlagged() {
        List<RawInstruction> instructions = parse("FROM scratch\nCMD [\"a\"]\nCMD a\n").instructions();
        assertTrue(instructions.get(1).jsonForm());
        assertFalse(instructions.get(2).jsonForm());
        assertNull(instructions.get(2).nested());
    }

    // ---- errors --------------------------------------------------------------------------------

    @Test
    void emptyFileHasNoInstructions() {
        DockerfileSyntaxException e = failure("# only a comment\n\n");
        assertEquals("Dockerfile:1:1: file with no instructions", e.oneLine());
    }

    @Test
    void nestedJsonArrayIsAnError() {
        DockerfileSyntaxException e = failure("FROM scratch\nCMD [\"a\", [\"b\"]]\n");
        assertEquals("Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings only", e.oneLine());
    }

    @Test
    void envWithoutValueIsAnError() {
        assertEquals("ENV must have two arguments", failure("FROM scratch\nENV PATH\n").getMessage());
    }

    @Test
    void modernEnvWordWithoutEqualsIsAnError() {
        assertEquals("Syntax error - can't find = in \"B\". Must be of the form: name=value",
                failure("FROM scratch\nLABEL A=1 B\n").getMessage());
    }

    @Test
    void overlongLineIsAnError() {
        DockerfileSyntaxException e = failure("FROM scratch\nRUN " + "x".repeat(70_000) + "\n");
        assertEquals("dockerfile line greater than max allowed size of 65535", e.getMessage());
        assertEquals(2, e.range().startLine());
    }
}
