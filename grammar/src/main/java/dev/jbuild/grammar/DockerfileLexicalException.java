package dev.jbuild.grammar;

/** The lexer met something that makes the whole file unreadable (bad directive, unterminated heredoc). */
public class DockerfileLexicalException extends RuntimeException {
    private final int line;
    private final int column;

    public DockerfileLexicalException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
