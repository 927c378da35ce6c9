package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's lexical path functions, checked against what Go's {@code path} package returns. */
class GoPathsTest {

    @ParameterizedTest
    @CsvSource({"/a/b/,/a/b", "a//b/./c/..,a/b", "/../x,/x", "'',.", "../../a,../../a", "/,/"})
    void goPathCleanIsLexical(String path, String cleaned) {
        assertEquals(cleaned, GoPaths.clean(path));
    }

    @ParameterizedTest
    @CsvSource({"/run/secrets/x,x", "/a/b/,b", "///,/", "'',.", "name,name"})
    void goPathBaseIsTheLastElement(String path, String base) {
        assertEquals(base, GoPaths.base(path));
    }

    @ParameterizedTest
    @CsvSource({"a/..,/", "../../etc,/etc", "/a/./b//,/a/b", "'',/", "x/../../y,/y"})
    void underRootCannotClimbAboveTheRoot(String path, String joined) {
        assertEquals(joined, GoPaths.underRoot(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "a.b/c..d", ".hidden/x"})
    void cleanRelativePathsAreRecognised(String path) {
        assertTrue(GoPaths.isCleanRelative(path));
        assertEquals(path, GoPaths.clean(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", "./a", "a/./b", "../a", "a/..", "."})
    void pathsCleanWouldChangeAreNotCleanRelative(String path) {
        assertFalse(GoPaths.isCleanRelative(path));
    }
}
