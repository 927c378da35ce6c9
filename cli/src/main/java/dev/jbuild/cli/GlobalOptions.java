package dev.jbuild.cli;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Converters;
import dev.jbuild.cli.spec.ParsedArgs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * Options every command accepts, before or after the command name, as read from one command line.
 * Each may also come from an environment variable ({@link EnvironmentDefaults}).
 *
 * @param root          --root, or null (then the per-user default)
 * @param debug         --debug: print stack traces with errors
 * @param storageDriver --storage-driver, or null (then detection)
 * @param runtime       --runtime, or null for probing
 * @param logLevel      --log-level
 */
public record GlobalOptions(Path root, boolean debug, String storageDriver, Path runtime, LogLevel logLevel) {

    public enum LogLevel { ERROR, WARN, INFO, DEBUG }

    /** Declared on the root command with picocli's inherited scope: every command below accepts them too. */
    static void addTo(CommandSpec root) {
        root.addOption(Args.value(Path.class, Converters.PATH, "DIR", "--root").scopeType(ScopeType.INHERIT)
                .description("Store directory (default: $JBUILD_ROOT, else /var/lib/jbuild for root, "
                        + "~/.local/share/jbuild otherwise).").build());
        root.addOption(Args.flag("--debug").scopeType(ScopeType.INHERIT)
                .description("Print stack traces with errors (also when $JBUILD_DEBUG is 1).").build());
        root.addOption(Args.value(Path.class, Converters.PATH, "PATH", "--runtime").scopeType(ScopeType.INHERIT)
                .description("OCI runtime to run steps with (default: $JBUILD_RUNTIME, else runc or crun, "
                        + "whichever a probe run shows working).").build());
        root.addOption(Args.value("DRIVER", "--storage-driver").scopeType(ScopeType.INHERIT)
                .completionCandidates(List.of("overlay", "vfs"))
                .description("Storage driver: overlay or vfs (default: $JBUILD_STORAGE_DRIVER, else detected by a "
                        + "probe mount).").build());
        root.addOption(Args.value(LogLevel.class, new LogLevelConverter(), "LEVEL", "--log-level")
                .scopeType(ScopeType.INHERIT).defaultValue("info").completionCandidates(List.of("error", "warn", "info", "debug"))
                .description("Log level: error, warn, info or debug (default: $JBUILD_LOG_LEVEL, else info).").build());
    }

    static GlobalOptions from(ParsedArgs args) {
        return new GlobalOptions(args.value("--root"), args.flag("--debug"), args.value("--storage-driver"),
                args.value("--runtime"), args.value("--log-level"));
    }

    /** The store root: --root (or $JBUILD_ROOT), else the per-user default. */
    public Path storeRoot(Map<String, String> env) {
        if (root != null) {
            return root.toAbsolutePath();
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

    /** Any case; the message lists the levels. */
    private static final class LogLevelConverter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            for (LogLevel level : LogLevel.values()) {
                if (level.name().equals(value.toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
            throw new TypeConversionException("'" + value + "' (expected error, warn, info or debug)");
        }
    }
}
