package dev.jbuild.parser.ignore;

/**
 * One element of a glob pattern in Go {@code filepath.Match} syntax, as read by {@link GlobScanner}.
 * Both matchers in this package are built from these terms, so the two agree on what a pattern says
 * even though they match in different ways (see {@link GlobPattern} and {@link PathAutomaton}).
 */
sealed interface GlobTerm permits GlobTerm.Literal, GlobTerm.Wildcard, CharClass {

    /**
     * One character that must appear as is. {@code escaped} records a preceding backslash, which
     * matters only to {@code .dockerignore}: Docker's {@code **} swallows a directly following '/'
     * but not an escaped one.
     */
    record Literal(int codePoint, boolean escaped) implements GlobTerm {
    }

    /** The two unbracketed wildcards. */
    enum Wildcard implements GlobTerm {
        /** {@code ?}: exactly one character other than '/'. */
        ANY_CHAR,
        /** {@code *}: any run of characters other than '/', including none. */
        STAR
    }
}
