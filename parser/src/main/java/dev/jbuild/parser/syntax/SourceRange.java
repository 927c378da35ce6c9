package dev.jbuild.parser.syntax;

/**
 * Where a piece of a Dockerfile came from. Lines and columns start at 1; the end line is the last
 * physical line consumed (continuations and heredoc bodies included), as BuildKit reports it.
 */
public record SourceRange(String file, int startLine, int startColumn, int endLine) {

    public static SourceRange line(String file, int line, int column) {
        return new SourceRange(file, line, column, line);
    }

    public SourceRange withEndLine(int newEndLine) {
        return new SourceRange(file, startLine, startColumn, newEndLine);
    }

    /** {@code file:line:col}, the prefix of every message that points into a Dockerfile. */
    public String location() {
        return file + ":" + startLine + ":" + startColumn;
    }
}
