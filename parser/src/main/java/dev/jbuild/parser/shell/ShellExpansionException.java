package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.Excerpt;
import dev.jbuild.parser.text.GoText;
import java.util.Objects;

/**
 * Variable expansion failed. The message reads like BuildKit's, e.g.
 * {@code failed to process "${X:?}": X: is not allowed to be unset}; {@link #reason()} is the
 * part after the input.
 */
public class ShellExpansionException extends RuntimeException {
    private final String input;
    private final String reason;

    public ShellExpansionException(String input, String reason) {
        super("failed to process " + GoText.quote(input.length() <= Excerpt.LINE_WIDTH ? input
                : input.substring(0, Excerpt.LINE_WIDTH) + "...") + ": " + reason);
        this.input = Objects.requireNonNull(input, "input");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The text that was being expanded. */
    public String input() {
        return input;
    }

    /** Why it failed, without the {@code failed to process "..."} prefix. */
    public String reason() {
        return reason;
    }
}
