package dev.jbuild.parser.instructions;

import dev.jbuild.parser.text.GoDuration;
import dev.jbuild.parser.text.GoText;
import dev.jbuild.parser.syntax.RawInstruction;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** HEALTHCHECK NONE, or HEALTHCHECK [timing flags] CMD probe. */
final class HealthcheckParser {
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private HealthcheckParser() {}

    static Healthcheck parse(RawInstruction raw) {
        ArgumentRules.atLeastOne(raw);
        String type = raw.args().get(0).toUpperCase(Locale.ROOT);
        List<String> rest = raw.args().subList(1, raw.args().size());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) {
                throw new InstructionException("HEALTHCHECK NONE takes no arguments");
            }
            // BuildKit reads no flags for NONE, so --interval=... NONE is accepted and ignored.
            return Healthcheck.none(raw.range());
        }
        ParsedFlags flags = FlagSet.none()
                .string("interval")
                .string("timeout")
                .string("start-period")
                .string("start-interval")
                .string("retries")
                .parse(raw.flags());
        if (!type.equals("CMD")) {
            throw new InstructionException("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
        }
        if (rest.isEmpty()) {
            throw new InstructionException("Missing command after HEALTHCHECK CMD");
        }
        // The probe is never a heredoc: only RUN, COPY and ADD take those.
        Command probe = raw.jsonForm() ? new Command.ExecForm(rest) : new Command.ShellForm(String.join(" ", rest));
        return new Healthcheck(probe,
                interval(flags, "interval"),
                interval(flags, "timeout"),
                interval(flags, "start-period"),
                interval(flags, "start-interval"),
                retries(flags),
                raw.range());
    }

    /** Null when absent, empty or zero (Docker's "default"); at least 1ms otherwise. */
    private static Duration interval(ParsedFlags flags, String name) {
        String value = flags.string(name);
        if (value == null) {
            return null;
        }
        Duration duration;
        try {
            duration = GoDuration.parse(value);
        } catch (GoDuration.InvalidDurationException e) {
            throw new InstructionException(e.getMessage());
        }
        if (duration.isZero()) {
            return null;
        }
        if (duration.compareTo(MINIMUM) < 0) {
            throw new InstructionException("Interval " + GoText.quote(name) + " cannot be less than 1ms");
        }
        return duration;
    }

    private static Integer retries(ParsedFlags flags) {
        String value = flags.string("retries");
        if (value == null) {
            return null;
        }
        int retries = GoIntegers.parseInt32(value);
        if (retries < 0) {
            throw new InstructionException("--retries cannot be negative (" + retries + ")");
        }
        return retries == 0 ? null : retries;
    }
}
