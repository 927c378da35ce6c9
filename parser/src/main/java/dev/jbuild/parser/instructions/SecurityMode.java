package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;
import java.util.Locale;

/** The values {@code RUN --security} accepts. */
public enum SecurityMode {
    SANDBOX,
    INSECURE;

    /** The word as written in a Dockerfile. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SecurityMode parse(String value) {
        for (SecurityMode mode : values()) {
            if (mode.keyword().equals(value)) {
                return mode;
            }
        }
        throw new InstructionException("security " + GoText.quote(value) + " is not valid");
    }
}
