package dev.jbuild.parser.ignore;

/**
 * A {@code .dockerignore} line Docker would refuse: a malformed glob, or a '!' with no pattern.
 * Docker's own message names neither the line nor the pattern; this one names both.
 */
public class DockerIgnoreSyntaxException extends RuntimeException {
    private final int lineNumber;
    private final String pattern;

    public DockerIgnoreSyntaxException(int lineNumber, String pattern, String problem, Throwable cause) {
        super("line " + lineNumber + ": " + problem + ": \"" + pattern + "\"", cause);
        this.lineNumber = lineNumber;
        this.pattern = pattern;
    }

    /** 1-based line of the file, counting comments and blank lines. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The pattern as written on that line, trimmed. */
    public String pattern() {
        return pattern;
    }
}
