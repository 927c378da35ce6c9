package dev.jbuild.parser.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code .dockerignore} behaviour. In the tables, the first column is the file with its lines
 * separated by {@code " ; "}, then the path asked about, then whether it is excluded.
 */
class DockerIgnoreTest {

    private static DockerIgnore ignoreFile(String linesSeparatedBySemicolons) {
        return DockerIgnore.parse(String.join("\n", linesSeparatedBySemicolons.split(" ; ", -1)));
    }

    @ParameterizedTest(name = "[{index}] [{0}] excludes \"{1}\": {2}")
    @CsvSource(delimiterString = " | ", emptyValue = "", textBlock = """
            # --- ** matches any number of directories, including none
            **/*.go                     | main.go                   | true
            **/*.go                     | cmd/app/main.go           | true
            **/*.go                     | main.go.txt               | false
            **/*.go                     | cmd/main.go/notes         | true
            **                          | file                      | true
            **                          | any/depth/at/all          | true
            **/node_modules             | node_modules/x/y          | true
            **/node_modules             | web/app/node_modules/a.js | true
            **/node_modules             | web/node_modules_old      | false
            a/**/b                      | a/b                       | true
            a/**/b                      | a/x/y/b                   | true
            a/**/b                      | a/xb                      | false
            **/build/**                 | x/build/out               | true
            **/build/**                 | build/out                 | true
            **/build/**                 | x/build                   | false
            # --- a ** that opens the pattern and is followed by plain text is an "ends with" test
            **.txt                      | notes.txt                 | true
            **.txt                      | deep/dir/notes.txt        | true
            **/*.txt                    | .txt                      | true
            # --- * and ? stay in one segment: *.md only covers the root
            *.md                        | README.md                 | true
            *.md                        | docs/guide.md             | false
            */temp*                     | somedir/temporary.txt     | true
            */temp*                     | temp                      | false
            */*/temp*                   | somedir/subdir/temporary.txt | true
            */*/temp*                   | somedir/temporary.txt     | false
            temp?                       | tempa                     | true
            temp?                       | temp                      | false
            temp?                       | sub/tempa                 | false
            # --- a pattern covers its directory's contents (parents are checked)
            foo                         | foo                       | true
            foo                         | foo/bar/baz               | true
            foo                         | foobar                    | false
            foo                         | a/foo                     | false
            *                           | a/b/c                     | true
            a/*/c                       | a/b/c/d                   | true
            a/*/c                       | a/b/x/c                   | false
            # --- dir/** covers what is inside but not the directory entry itself
            dir/**                      | dir/a/b                   | true
            dir/**                      | dir                       | false
            dir                         | dir                       | true
            dir**                       | dir2/x                    | true
            # --- cleaning: leading '/', './', trailing '/', '..', surrounding blanks
            /foo                        | foo                       | true
            /foo/bar                    | foo/bar/x                 | true
            ./foo                       | foo/x                     | true
            foo/                        | foo/bar                   | true
            foo/../bar                  | bar                       | true
            foo/../bar                  | foo                       | false
            '   spaced.txt   '          | spaced.txt                | true
            '/ x'                       | x                         | true
            '? /'                       | b/c                       | true
            # --- comments only in column 1
            # comment ; foo             | # comment                 | false
            ' # not a comment'          | # not a comment           | true
            # --- exceptions and ordering: the last line that covers the path decides
            *.md ; !README.md           | README.md                 | false
            *.md ; !README.md           | CHANGES.md                | true
            *.md ; !README*.md ; README-secret.md | README-secret.md | true
            *.md ; !README*.md ; README-secret.md | README.md       | false
            *.md ; !README*.md ; README-secret.md | other.md        | true
            *.md ; README-secret.md ; !README*.md | README-secret.md | false
            !README.md ; *.md           | README.md                 | true
            !*.go                       | main.go                   | false
            foo ; !foo                  | foo/x                     | false
            # --- an exception re-includes inside an excluded directory
            dir ; !dir/keep             | dir/keep                  | false
            dir ; !dir/keep             | dir/keep/inner.txt        | false
            dir ; !dir/keep             | dir/other                 | true
            !dir/keep ; dir             | dir/keep                  | true
            * ; !src                    | src/main.java             | false
            * ; !src                    | pom.xml                   | true
            foo/* ; !foo/bar            | foo/bar/baz               | false
            foo/* ; !foo/bar            | foo/qux                   | true
            **/*.log ; !important/*.log | important/a.log           | false
            **/*.log ; !important/*.log | other/a.log               | true
            # --- classes and escapes follow filepath.Match
            [Tt]est                     | Test                      | true
            [Tt]est                     | best                      | false
            [!T]est                     | !est                      | true
            \\*literal                  | *literal                  | true
            \\*literal                  | xliteral                  | false
            # --- degenerate patterns never match anything
            /                           | x                         | false
            .                           | x                         | false
            ../x                        | x                         | false
            # --- no patterns at all
            ''                          | anything                  | false
            """)
    void excludesLikeDocker(String lines, String path, boolean excluded) {
        assertEquals(excluded, ignoreFile(lines).isExcluded(path));
    }

    @ParameterizedTest(name = "[{index}] [{0}] descend into \"{1}\": {2}")
    @CsvSource(delimiterString = " | ", textBlock = """
            dir ; !dir/keep             | dir        | true
            dir                         | dir        | false
            dir ; !other/keep           | dir        | false
            dir ; !*.md                 | dir        | false
            dir ; !**/*.md              | dir        | true
            dir ; !**.md                | dir        | true
            !dir/keep ; dir             | dir        | false
            dir ; !dir/*/keep           | dir        | true
            dir ; !dir/*/keep           | dir/sub    | true
            dir ; !dir/*/keep           | dir/sub/deeper | false
            dir ; !dir                  | dir        | true
            dir ; !dir/**               | dir        | true
            dir ; !d*/**                | dir        | true
            dir ; !dirt/**              | dir        | false
            * ; !src/main               | src        | true
            * ; !src/main               | docs       | false
            a ; !a/b/c                  | a/b        | true
            a ; !a/x                    | a/b        | false
            a ; !a/[bc]                 | a          | true
            a ; !a/[z-y]                | a          | false
            a ; !a/b ; a/b              | a          | true
            a ; !a/b ; a                | a          | false
            build/**                    | build      | true
            """)
    void knowsWhenAnExcludedDirectoryMustStillBeWalked(String lines, String dir, boolean descend) {
        assertEquals(descend, ignoreFile(lines).mayContainIncludedFiles(dir));
    }

    @Test
    void mayContainIncludedFilesNeverSaysNoWhenSomethingBelowIsIncluded() {
        DockerIgnore rules = ignoreFile("node_modules ; !node_modules/**/package.json ; vendor ; !vendor/keep.txt");
        List<String> paths = List.of(
                "node_modules/a/package.json", "node_modules/a/b/package.json", "node_modules/a/index.js",
                "vendor/keep.txt", "vendor/lib/x.go");
        for (String path : paths) {
            String parent = path.substring(0, path.indexOf('/'));
            if (!rules.isExcluded(path)) {
                assertTrue(rules.mayContainIncludedFiles(parent), path);
            }
        }
        assertFalse(rules.isExcluded("node_modules/a/b/package.json"));
        assertTrue(rules.isExcluded("node_modules/a/index.js"));
        assertFalse(rules.isExcluded("vendor/keep.txt"));
        assertTrue(rules.isExcluded("vendor/lib/x.go"));
    }

    @Test
    void patternsKeepTheirCleanedTextKindAndLineNumber() {
        DockerIgnore rules = DockerIgnore.parse("""
                # build output
                /target/

                ! ./target/keep.txt
                  **/*.log\t
                """);
        assertEquals(List.of(
                new IgnorePattern("target", true, 2),
                new IgnorePattern("target/keep.txt", false, 4),
                new IgnorePattern("**/*.log", true, 5)), rules.patterns());
        assertEquals("!target/keep.txt", rules.patterns().get(1).toString());
        assertTrue(rules.patterns().get(1).isException());
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreIgnored() {
        DockerIgnore rules = DockerIgnore.parse("\uFEFF*.tmp\r\n!keep.tmp\r\nlast\r");
        assertEquals(List.of(
                new IgnorePattern("*.tmp", true, 1),
                new IgnorePattern("keep.tmp", false, 2),
                new IgnorePattern("last", true, 3)), rules.patterns());
        assertTrue(rules.isExcluded("a.tmp"));
        assertFalse(rules.isExcluded("keep.tmp"));
        assertTrue(rules.isExcluded("last/x"));
    }

    @Test
    void trimsGoWhiteSpaceIncludingNoBreakSpace() {
        DockerIgnore rules = DockerIgnore.parse("\u00A0secret.txt\u3000\n");
        assertEquals("secret.txt", rules.patterns().get(0).text());
        assertTrue(rules.isExcluded("secret.txt"));
    }

    @Test
    void badPatternNamesLineAndPattern() {
        DockerIgnoreSyntaxException e = assertThrows(DockerIgnoreSyntaxException.class,
                () -> DockerIgnore.parse("# comment\n*.log\n\n!logs/[ab\n"));
        assertEquals(4, e.lineNumber());
        assertEquals("!logs/[ab", e.pattern());
        assertEquals("line 4: syntax error in pattern (unterminated character class): \"!logs/[ab\"", e.getMessage());
        assertInstanceOf(BadPatternException.class, e.getCause());
    }

    @Test
    void bareExclamationMarkIsAnError() {
        DockerIgnoreSyntaxException bare = assertThrows(DockerIgnoreSyntaxException.class,
                () -> DockerIgnore.parse("a\n!\n"));
        assertEquals(2, bare.lineNumber());
        assertEquals("!", bare.pattern());
        // "!/" cleans down to a bare "!" in Docker too.
        assertEquals(1, assertThrows(DockerIgnoreSyntaxException.class, () -> DockerIgnore.parse("!/")).lineNumber());
        assertEquals(1, assertThrows(DockerIgnoreSyntaxException.class, () -> DockerIgnore.parse("  !  ")).lineNumber());
    }

    @Test
    void trailingBackslashIsAnError() {
        assertEquals(1, assertThrows(DockerIgnoreSyntaxException.class, () -> DockerIgnore.parse("foo\\")).lineNumber());
    }

    @Test
    void askedPathsAreCleanedAndTheContextRootIsNeverExcluded() {
        DockerIgnore rules = DockerIgnore.parse("foo\n*\n");
        assertTrue(rules.isExcluded("./foo/bar"));
        assertTrue(rules.isExcluded("foo/"));
        assertTrue(rules.isExcluded("foo//bar"));
        assertTrue(rules.isExcluded("/foo"));
        assertFalse(rules.isExcluded("."));
        assertFalse(rules.isExcluded(""));
        assertFalse(rules.isExcluded("./"));
    }

    @Test
    void emptyRulesExcludeNothing() {
        assertTrue(DockerIgnore.empty().isEmpty());
        assertFalse(DockerIgnore.empty().isExcluded("anything/at/all"));
        assertTrue(DockerIgnore.empty().mayContainIncludedFiles("dir"));
        assertTrue(DockerIgnore.parse("# only a comment\n\n").isEmpty());
    }

    @Test
    void pathsWithNewlinesFollowGoRegexpDot() {
        // A mid-pattern ** cannot cross a newline (Go's '.'), a single * can ([^/]).
        assertFalse(DockerIgnore.parse("a/**/b").isExcluded("a/x\ny/b"));
        assertTrue(DockerIgnore.parse("a/*/b").isExcluded("a/x\ny/b"));
    }
}
