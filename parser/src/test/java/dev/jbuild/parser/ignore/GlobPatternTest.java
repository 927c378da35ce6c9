package dev.jbuild.parser.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go {@code filepath.Match} behaviour, as documented for Go's Unix flavour. Columns: pattern, name,
 * whether it matches. In the text blocks a backslash is written {@code \\}.
 */
class GlobPatternTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" vs \"{1}\" -> {2}")
    @CsvSource(delimiterString = " | ", emptyValue = "", textBlock = """
            # --- literals and the empty pattern
            abc            | abc          | true
            abc            | abd          | false
            abc            | ab           | false
            ''             | ''           | true
            ''             | a            | false
            a]             | a]           | true
            # --- star stays inside one path segment
            *              | abc          | true
            *              | ''           | true
            *              | a/b          | false
            *c             | abc          | true
            a*             | a            | true
            a*             | abc          | true
            a*             | ab/c         | false
            a*/b           | abc/b        | true
            a*/b           | a/c/b        | false
            a*b            | a/b          | false
            */             | a/           | true
            */b            | a/b          | true
            **             | a/b          | false
            **             | ab           | true
            *x             | xxx          | true
            a*b*c*d*e*/f   | axbxcxdxe/f  | true
            a*b*c*d*e*/f   | axbxcxdxexxx/f | true
            a*b*c*d*e*/f   | axbxcxdxe/xxx/f | false
            a*b*c*d*e*/f   | axbxcxdxexxx/fff | false
            a*b?c*x        | abxbbxdbxebxczzx | true
            a*b?c*x        | abxbbxdbxebxczzy | false
            # --- question mark: one character, never '/', counted in code points
            a?c            | abc          | true
            a?c            | ac           | false
            a?b            | a/b          | false
            a?b            | a☺b          | true
            a???b          | a☺b          | false
            ?              | ''           | false
            # --- character classes
            ab[c]          | abc          | true
            ab[b-d]        | abc          | true
            ab[e-g]        | abc          | false
            ab[^c]         | abc          | false
            ab[^b-d]       | abc          | false
            ab[^e-g]       | abc          | true
            a[^a]b         | a☺b          | true
            [a-ζ]*         | α            | true
            *[a-ζ]         | A            | false
            [abc0-9]x      | 7x           | true
            [z-a]          | m            | false
            [!a]           | !            | true
            [!a]           | b            | false
            [\\]a]         | ]            | true
            [\\]a]         | a            | true
            [\\-]          | -            | true
            [x\\-]         | x            | true
            [x\\-]         | -            | true
            [x\\-]         | z            | false
            [\\-x]         | x            | true
            [\\-x]         | a            | false
            [\\\\]         | \\           | true
            a[/]c          | a/c          | true
            a[^b]c         | a/c          | true
            [^/]           | /            | false
            # --- escapes
            a\\*b          | a*b          | true
            a\\*b          | ab           | false
            a\\*b          | axb          | false
            \\a            | a            | true
            \\[            | [            | true
            \\?            | ?            | true
            \\?            | x            | false
            # --- Go tries the piece after a star at its first fit only (see class javadoc)
            *a[^x]*c       | aa/c         | false
            *a[^x]c        | aa/c         | true
            """)
    void matchesLikeGoFilepathMatch(String pattern, String name, boolean expected) {
        assertEquals(expected, GlobPattern.compile(pattern).matches(name));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is rejected")
    @CsvSource(delimiterString = " | ", textBlock = """
            [                | unterminated character class
            [^               | unterminated character class
            [^bc             | unterminated character class
            a[               | unterminated character class
            ab[a-            | unterminated character class
            *x[a             | unterminated character class
            []a]             | empty character class
            [^]              | empty character class
            [-]              | unescaped '-' in character class
            [-x]             | unescaped '-' in character class
            [a-b-c]          | unescaped '-' in character class
            [x-]             | character range without an upper bound
            \\               | trailing backslash
            a\\              | trailing backslash
            [a\\             | unterminated character class
            """)
    void rejectsWhatGoRejectsWithErrBadPattern(String pattern, String reason) {
        BadPatternException e = assertThrows(BadPatternException.class, () -> GlobPattern.compile(pattern));
        assertEquals(pattern, e.pattern());
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().startsWith("syntax error in pattern \"" + pattern + "\""), e.getMessage());
    }

    @Test
    void badPatternReportsTheOffsetOfTheProblem() {
        assertEquals(5, assertThrows(BadPatternException.class, () -> GlobPattern.compile("ab[x-]")).offset());
        assertEquals(2, assertThrows(BadPatternException.class, () -> GlobPattern.compile("ab[")).offset());
        assertEquals(1, assertThrows(BadPatternException.class, () -> GlobPattern.compile("a\\")).offset());
    }

    @Test
    void literalPatternsKnowTheOneNameTheyMatch() {
        GlobPattern escaped = GlobPattern.compile("dir/file\\*.txt");
        assertTrue(escaped.isLiteral());
        assertEquals("dir/file*.txt", escaped.literalName());
        assertTrue(escaped.matches("dir/file*.txt"));

        assertFalse(GlobPattern.compile("dir/*.txt").isLiteral());
        assertFalse(GlobPattern.compile("file?").isLiteral());
        assertFalse(GlobPattern.compile("[ab]").isLiteral());
        assertThrows(IllegalStateException.class, () -> GlobPattern.compile("*.txt").literalName());
    }

    @Test
    void compiledPatternIsReusableAcrossManyNames() {
        GlobPattern pattern = GlobPattern.compile("src/*/[A-Z]*.java");
        assertTrue(pattern.matches("src/main/Main.java"));
        assertTrue(pattern.matches("src/x/A.java"));
        assertFalse(pattern.matches("src/main/util/Main.java"));
        assertFalse(pattern.matches("src/main/main.java"));
        assertEquals("src/*/[A-Z]*.java", pattern.pattern());
        assertEquals(pattern, GlobPattern.compile("src/*/[A-Z]*.java"));
    }

    @Test
    void matchesCodePointsOutsideTheBasicPlane() {
        assertTrue(GlobPattern.compile("?").matches("😀"));
        assertTrue(GlobPattern.compile("[😀-😂]x").matches("😁x"));
        assertFalse(GlobPattern.compile("??").matches("😀"));
    }
}
