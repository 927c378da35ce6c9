package dev.jbuild.parser.ignore;

/**
 * A glob pattern that Go's {@code filepath.Match} would reject with {@code ErrBadPattern}
 * ("syntax error in pattern"). Docker rejects the same patterns, in {@code .dockerignore} files
 * and in {@code COPY}/{@code ADD} sources, so jbuild reports them instead of guessing.
 */
public class BadPatternException extends RuntimeException {
    private final String pattern;
    private final int offset;
    private final String reason;

    public BadPatternException(String pattern, int offset, String reason) {
        super("syntax error in pattern \"" + pattern + "\" at offset " + offset + ": " + reason);
        this.pattern = pattern;
        this.offset = offset;
        this.reason = reason;
    }

    /** The pattern as it was given to {@link GlobPattern#compile(String)}. */
    public String pattern() {
        return pattern;
    }

    /** Index (in UTF-16 units) in {@link #pattern()} where the problem was found. */
    public int offset() {
        return offset;
    }

    /** What is wrong, without the pattern, e.g. "unterminated character class". */
    public String reason() {
        return reason;
    }
}
