package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoText;
import java.util.Locale;

/** The values {@code RUN --network} accepts. */
public enum NetworkMode {
    DEFAULT,
    NONE,
    HOST;

    /** The word as written in a Dockerfile. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NetworkMode parse(String value) {
        for (NetworkMode mode : values()) {
            // BuildKit compares case-sensitively: --network=HOST is refused.
            if (mode.keyword().equals(value)) {
                return mode;
            }
        }
        throw new InstructionException("invalid network mode " + GoText.quote(value));
    }
}
