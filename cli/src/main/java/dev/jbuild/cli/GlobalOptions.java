package dev.jbuild.cli;

import dev.jbuild.cli.args.Converters;
import dev.jbuild.cli.args.InvalidValueException;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.ValueConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options every command accepts, before or after the command name, as read from one command line.
 *
 * @param root          --root, or null (then $JBUILD_ROOT, then the per-user default)
 * @param debug         --debug: print stack traces with errors
 * @param storageDriver --storage-driver, or null (then $JBUILD_STORAGE_DRIVER, then detection)
 * @param runtime       --runtime, or null for probing
 * @param logLevel      --log-level
 */
public record GlobalOptions(Path root, boolean debug, String storageDriver, Path runtime, LogLevel logLevel) {

    public enum LogLevel { ERROR, WARN, INFO, DEBUG }

    static final OptionSpec<Path> ROOT = OptionSpec.single(Converters.PATH, "--root").withLabel("DIR")
            .withDescription("Store directory (default: $JBUILD_ROOT, else /var/lib/jbuild for root, "
                    + "~/.local/share/jbuild otherwise).")
            .asInherited();
    static final OptionSpec<Boolean> DEBUG = OptionSpec.flag("--debug")
            .withDescription("Print stack traces with errors.")
            .asInherited();
    static final OptionSpec<String> STORAGE_DRIVER = OptionSpec.single("--storage-driver").withLabel("DRIVER")
            .withDescription("Storage driver: overlay or vfs (default: $JBUILD_STORAGE_DRIVER, else detected by a "
                    + "probe mount).")
            .asInherited();
    static final OptionSpec<Path> RUNTIME = OptionSpec.single(Converters.PATH, "--runtime").withLabel("PATH")
            .withDescription("OCI runtime to run steps with (default: runc or crun, whichever a probe run shows working).")
            .asInherited();
    static final OptionSpec<LogLevel> LOG_LEVEL = OptionSpec.single(new LogLevelConverter(), "--log-level")
            .withLabel("LEVEL")
            .withDescription("Log level: error, warn, info or debug (default: info).")
            .withDefault(LogLevel.INFO)
            .asInherited();

    /** Declared on the root command; every command below inherits them. */
    static final List<OptionSpec<?>> OPTIONS = List.of(ROOT, DEBUG, STORAGE_DRIVER, RUNTIME, LOG_LEVEL);

    static GlobalOptions from(ParsedArgs args) {
        return new GlobalOptions(args.value(ROOT), args.flag(DEBUG), args.value(STORAGE_DRIVER), args.value(RUNTIME),
                args.value(LOG_LEVEL));
    }

    /** The store root: --root, else $JBUILD_ROOT, else the per-user default. */
    public Path storeRoot(Map<String, String> env) {
        if (root != null) {
            return root.toAbsolutePath();
        }
        String configured = env.get("JBUILD_ROOT");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        if (isRoot()) {
            return Path.of("/var/lib/jbuild");
        }
        String dataHome = env.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isEmpty()
                ? Path.of(dataHome)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jbuild");
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** Any case; the message lists the levels, as the old command line's did. */
    private static final class LogLevelConverter implements ValueConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) throws InvalidValueException {
            for (LogLevel level : LogLevel.values()) {
                if (level.name().equals(value.toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
            throw new InvalidValueException("'" + value + "' (expected error, warn, info or debug)");
        }
    }
}
