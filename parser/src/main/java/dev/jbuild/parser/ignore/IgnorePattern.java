package dev.jbuild.parser.ignore;

import java.util.Objects;

/**
 * One effective line of a {@code .dockerignore} file.
 *
 * @param text       the pattern as it is matched: trimmed, cleaned like Go's {@code filepath.Clean},
 *                   without a leading '/' and without the '!' of an exception
 * @param exclusion  true for an ordinary line, which excludes what it matches; false for a line
 *                   starting with '!', an exception that re-includes what it matches
 * @param lineNumber 1-based line in the file, counting comment and blank lines
 */
public record IgnorePattern(String text, boolean exclusion, int lineNumber) {
    public IgnorePattern {
        Objects.requireNonNull(text, "text");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + lineNumber);
        }
    }

    /** True for a '!' line. */
    public boolean isException() {
        return !exclusion;
    }

    /** The pattern as it could be written back to a file: {@code text} with its '!' restored. */
    @Override
    public String toString() {
        return exclusion ? text : "!" + text;
    }
}
