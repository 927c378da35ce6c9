package dev.jbuild.parser.shell;

import static dev.jbuild.parser.shell.ExpanderFixture.expand;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PatternModifiersTest {
    @Test
    void trimShortestAndLongestPrefixAndSuffix() {
        assertEquals("usr/local/bin/app.tar.gz", expand("${FILE#*/}"));
        assertEquals("app.tar.gz", expand("${FILE##*/}"));
        assertEquals("/usr/local/bin/app.tar", expand("${FILE%.*}"));
        assertEquals("/usr/local/bin/app", expand("${FILE%%.*}"));
        assertEquals("ana", expand("${FRUIT#*n}"));
        assertEquals("a", expand("${FRUIT##*n}"));
        assertEquals("banan", expand("${FRUIT%a*}"));
        assertEquals("b", expand("${FRUIT%%a*}"));
    }

    @Test
    void nonMatchingPatternLeavesValueAlone() {
        assertEquals("banana", expand("${FRUIT#x*}"));
        assertEquals("banana", expand("${FRUIT%[a]}"));
    }

    @Test
    void questionMarkMatchesOneCharacter() {
        assertEquals("nana", expand("${FRUIT#??}"));
        assertEquals("Xusr/local/bin/app.tar.gz", expand("${FILE/?/X}"));
    }

    @Test
    void escapedWildcardsAreLiteral() {
        assertEquals("b*c", expand("${STARS#*\\*}"));
        assertEquals("c", expand("${STARS##*\\*}"));
        assertEquals("a*b", expand("${STARS%\\**}"));
    }

    @Test
    void escapedBraceAndSlashEndNothing() {
        assertEquals("b", expand("${BRACED#a\\}}"));
        assertEquals("a-b", expand("${SLASHED/\\//-}"));
    }

    @Test
    void patternWordIsExpandedAndUnquotedQuotesDoNotProtectWildcards() {
        assertEquals("nana", expand("${FRUIT#${X:-ba}}"));
        assertEquals("anana", expand("${FRUIT#'b'}"));
        assertEquals("", expand("${FRUIT##'*'}"));
    }

    @Test
    void wildcardsDoNotMatchNewlinesLikeGoRegexpDot() {
        assertEquals("ab\ncd", expand("${LINES#*}"));
        assertEquals("\ncd", expand("${LINES##*}"));
        assertEquals("ab\n", expand("${LINES%%*}"));
        assertEquals("xx\nxx", expand("${LINES//?/x}"));
    }

    @Test
    void replaceFirstAndAll() {
        assertEquals("/usr/Local/bin/app.tar.gz", expand("${FILE/l/L}"));
        assertEquals("/usr/LocaL/bin/app.tar.gz", expand("${FILE//l/L}"));
        assertEquals("bax", expand("${FRUIT//n*/x}"));
        assertEquals("x", expand("${FRUIT//*/x}"));
    }

    @Test
    void emptyPatternReplacesBetweenEveryCharacterLikeGo() {
        assertEquals("-b-a-n-a-n-a-", expand("${FRUIT//''/-}"));
        assertEquals("-banana", expand("${FRUIT/''/-}"));
    }

    @Test
    void replaceAllExpandsGoTemplateReferencesButReplaceFirstDoesNot() {
        assertEquals("b<a>n<a>n<a>", expand("${FRUIT//a/'<$0>'}"));
        assertEquals("b<>n<>n<>", expand("${FRUIT//a/'<$1${x}>'}"));
        assertEquals("b$n$n$", expand("${FRUIT//a/'$$'}"));
        assertEquals("b$.n$.n$.", expand("${FRUIT//a/$.}"));
        assertEquals("b<$0>nana", expand("${FRUIT/a/'<$0>'}"));
    }

    @Test
    void replacementKeepsItsEscapesAsBuildKitDoes() {
        assertEquals("a\\}b", expand("${SLASHED/\\//\\}}"));
    }

    @Test
    void patternsApplyToUnsetVariablesAsEmpty() {
        assertEquals("", expand("${nope##*}"));
        assertEquals("", expand("${nope//a/b}"));
    }
}
