package dev.jbuild.parser.instructions;

import dev.jbuild.parser.syntax.SourceRange;
import java.time.Duration;

/**
 * HEALTHCHECK: either {@code NONE}, which disables a check inherited from the base image, or
 * {@code CMD} with the probe command and its timing.
 *
 * <p>A duration or retry count that is absent, or written as zero, is null: Docker treats zero as
 * "use the default" (30s interval, 30s timeout, 0s start period, 5s start interval, 3 retries).
 *
 * @param command the probe; null for {@code HEALTHCHECK NONE}. A shell-form probe becomes Docker's
 *     {@code CMD-SHELL} test, an exec-form probe its {@code CMD} test
 */
public record Healthcheck(
        Command command,
        Duration interval,
        Duration timeout,
        Duration startPeriod,
        Duration startInterval,
        Integer retries,
        SourceRange range)
        implements Instruction {

    static Healthcheck none(SourceRange range) {
        return new Healthcheck(null, null, null, null, null, null, range);
    }

    /** True for {@code HEALTHCHECK NONE}. */
    public boolean isNone() {
        return command == null;
    }

    @Override
    public String name() {
        return "HEALTHCHECK";
    }
}
