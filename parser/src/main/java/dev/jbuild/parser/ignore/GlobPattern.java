package dev.jbuild.parser.ignore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled glob with the exact meaning of Go's {@code filepath.Match} on '/'-separated names
 * (the Unix flavour, where backslash escapes). Docker uses that function for {@code COPY}/{@code ADD}
 * source wildcards and as the base syntax of {@code .dockerignore}.
 *
 * <ul>
 *   <li>{@code *} matches any run of characters except '/', {@code ?} one character except '/'.</li>
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [^a-z]} match one character; negation is '^' only.
 *       A class may match '/', as in Go.</li>
 *   <li>{@code \c} matches c literally.</li>
 *   <li>The whole name must match, not a substring. {@code **} is just two stars here.</li>
 * </ul>
 *
 * <p>Matching follows Go's algorithm, including its one observable shortcut: after a {@code *},
 * the next piece of the pattern is tried at the first position where it fits and never at a later
 * one (except for the final piece). That differs from a backtracking glob only when a character
 * class can match '/': {@code *a[^x]*c} does not match {@code aa/c}, exactly as in Go.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class GlobPattern {
    private final String pattern;
    private final Chunk[] chunks;
    private final boolean literal;

    private GlobPattern(String pattern, Chunk[] chunks, boolean literal) {
        this.pattern = pattern;
        this.chunks = chunks;
        this.literal = literal;
    }

    /**
     * Checks the syntax and prepares the pattern for repeated matching.
     *
     * @throws BadPatternException where Go's {@code filepath.Match} returns {@code ErrBadPattern}
     */
    public static GlobPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<GlobTerm> terms = GlobScanner.scan(pattern);
        List<Chunk> chunks = new ArrayList<>();
        boolean literal = true;
        int i = 0;
        while (i < terms.size()) {
            boolean afterStar = false;
            while (i < terms.size() && terms.get(i) == GlobTerm.Wildcard.STAR) {
                afterStar = true;
                i++;
            }
            int start = i;
            while (i < terms.size() && terms.get(i) != GlobTerm.Wildcard.STAR) {
                literal &= terms.get(i) instanceof GlobTerm.Literal;
                i++;
            }
            literal &= !afterStar;
            chunks.add(new Chunk(afterStar, terms.subList(start, i).toArray(GlobTerm[]::new)));
        }
        return new GlobPattern(pattern, chunks.toArray(Chunk[]::new), literal);
    }

    /** Whether {@code name} as a whole matches; {@code name} uses '/' as its separator. */
    public boolean matches(String name) {
        int position = 0;
        chunkLoop:
        for (int c = 0; c < chunks.length; c++) {
            Chunk chunk = chunks[c];
            boolean lastChunk = c == chunks.length - 1;
            if (chunk.afterStar && chunk.terms.length == 0) {
                // A trailing star takes the rest of the name, provided it stays in one path segment.
                return name.indexOf('/', position) < 0;
            }
            int end = chunk.matchAt(name, position);
            if (end >= 0 && (!lastChunk || end == name.length())) {
                position = end;
                continue;
            }
            if (chunk.afterStar) {
                // Let the star swallow one more character at a time, never a '/'.
                for (int skip = position; skip < name.length() && name.charAt(skip) != '/'; ) {
                    skip += Character.charCount(name.codePointAt(skip));
                    end = chunk.matchAt(name, skip);
                    if (end >= 0 && (!lastChunk || end == name.length())) {
                        position = end;
                        continue chunkLoop;
                    }
                }
            }
            return false;
        }
        return position == name.length();
    }

    /** The pattern text as given to {@link #compile(String)}. */
    public String pattern() {
        return pattern;
    }

    /**
     * True when the pattern has no wildcard or class, so it matches exactly one name: the pattern
     * with its escapes removed. Callers such as COPY can then look the path up instead of listing a
     * directory.
     */
    public boolean isLiteral() {
        return literal;
    }

    /** For a {@linkplain #isLiteral() literal} pattern, the one name it matches. */
    public String literalName() {
        if (!literal) {
            throw new IllegalStateException("pattern has wildcards: " + pattern);
        }
        StringBuilder name = new StringBuilder(pattern.length());
        for (Chunk chunk : chunks) {
            for (GlobTerm term : chunk.terms) {
                name.appendCodePoint(((GlobTerm.Literal) term).codePoint());
            }
        }
        return name.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GlobPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** A run of non-star terms, optionally preceded by one or more stars. */
    private static final class Chunk {
        final boolean afterStar;
        final GlobTerm[] terms;

        Chunk(boolean afterStar, GlobTerm[] terms) {
            this.afterStar = afterStar;
            this.terms = terms;
        }

        /** The index just past the match of this chunk's terms starting at {@code from}, or -1. */
        int matchAt(String name, int from) {
            int position = from;
            for (GlobTerm term : terms) {
                if (position >= name.length()) {
                    return -1;
                }
                int c = name.codePointAt(position);
                boolean ok;
                if (term instanceof GlobTerm.Literal literal) {
                    ok = literal.codePoint() == c;
                } else if (term instanceof CharClass characterClass) {
                    ok = characterClass.matches(c);
                } else {
                    ok = c != '/'; // ANY_CHAR; stars never sit inside a chunk
                }
                if (!ok) {
                    return -1;
                }
                position += Character.charCount(c);
            }
            return position;
        }
    }
}
