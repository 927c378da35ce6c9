package dev.jbuild.executor;

import java.util.List;
import java.util.Locale;

/**
 * One {@code --ulimit} of a build, as Docker parses it (go-units {@code ParseUlimit}): {@code name=soft[:hard]},
 * the hard limit equal to the soft one when left out, {@code -1} for unlimited. Applied to every RUN step as a
 * POSIX rlimit of its process ({@code process.rlimits} in the runtime spec).
 */
public record Ulimit(String name, long soft, long hard) {
    /** The names Docker accepts, each the RLIMIT_* resource of the same name. */
    public static final List<String> NAMES = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    /** What -1 stands for: RLIM_INFINITY, the largest unsigned 64-bit value (written as such in config.json). */
    public static final long UNLIMITED = -1;

    public Ulimit {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("invalid ulimit type: " + name);
        }
        if (Long.compareUnsigned(soft, hard) > 0) {
            throw new IllegalArgumentException("ulimit soft limit must be less than or equal to hard limit: "
                    + display(soft) + " > " + display(hard));
        }
    }

    /** {@code nofile=1024:2048}, {@code nproc=512}, {@code core=-1}. */
    public static Ulimit parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("invalid ulimit argument: " + text + " (expected NAME=SOFT[:HARD])");
        }
        String name = text.substring(0, eq).toLowerCase(Locale.ROOT);
        String[] limits = text.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw new IllegalArgumentException("too many limit value arguments - " + text.substring(eq + 1)
                    + ", can only have up to two, `soft[:hard]`");
        }
        long soft = limit(limits[0], text);
        long hard = limits.length == 2 ? limit(limits[1], text) : soft;
        return new Ulimit(name, soft, hard);
    }

    private static long limit(String value, String text) {
        try {
            long limit = Long.parseLong(value);
            if (limit < UNLIMITED) {
                throw new IllegalArgumentException("invalid ulimit argument: " + text + " (a limit is a number, or -1)");
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid ulimit argument: " + text + " (a limit is a number, or -1)");
        }
    }

    /** The runtime spec's type: {@code RLIMIT_NOFILE}. */
    public String rlimitType() {
        return "RLIMIT_" + name.toUpperCase(Locale.ROOT);
    }

    /** {@code name=soft:hard}, as Docker prints it (and as it enters a cache key). */
    @Override
    public String toString() {
        return name + "=" + display(soft) + ":" + display(hard);
    }

    private static String display(long limit) {
        return limit == UNLIMITED ? "-1" : Long.toString(limit);
    }
}
