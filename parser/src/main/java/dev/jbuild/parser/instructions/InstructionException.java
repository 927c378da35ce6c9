package dev.jbuild.parser.instructions;

/**
 * An instruction's arguments break one of BuildKit's rules. Carries the message BuildKit prints
 * and, when there is a likely fix, a hint such as {@code did you mean RUN?}. It knows no position:
 * {@link InstructionParser} turns it into a {@link dev.jbuild.parser.syntax.DockerfileSyntaxException}
 * pointing at the instruction; the builder does the same when it re-checks mounts after expansion.
 */
public class InstructionException extends RuntimeException {
    private final String hint;

    public InstructionException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public InstructionException(String message) {
        this(message, null);
    }

    /** The suggestion without parentheses, or null. */
    public String hint() {
        return hint;
    }
}
