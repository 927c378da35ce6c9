package dev.jbuild.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the command name. */
// No method subcommands: saves picocli a reflective scan of every method on each start.
@Command(addMethodSubcommands = false)
public final class GlobalOptions {

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Store directory (default: $JBUILD_ROOT, else /var/lib/jbuild for root, ~/.local/share/jbuild otherwise).")
    Path root;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean debug;

    @Option(names = "--storage-driver", paramLabel = "DRIVER", scope = ScopeType.INHERIT,
            description = "Storage driver: overlay or vfs (default: $JBUILD_STORAGE_DRIVER, else detected by a probe mount).")
    String storageDriver;

    @Option(names = "--runtime", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "OCI runtime to run steps with (default: runc or crun, whichever a probe run shows working).")
    Path runtime;

    LogLevel logLevel = LogLevel.INFO;

    public enum LogLevel { ERROR, WARN, INFO, DEBUG }

    /**
     * A string option, not an enum one: picocli takes a subcommand named like an enum value ({@code info})
     * for the option's missing parameter, which broke {@code jbuild info}.
     */
    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: error, warn, info or debug (default: info).")
    void logLevel(String level) {
        try {
            logLevel = LogLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "Invalid value for option '--log-level': '" + level + "' (expected error, warn, info or debug)");
        }
    }

    /** The --storage-driver value, or null (then $JBUILD_STORAGE_DRIVER, then detection). */
    public String storageDriver() {
        return storageDriver;
    }

    /** The --runtime value, or null for probing. */
    public Path runtime() {
        return runtime;
    }

    public LogLevel logLevel() {
        return logLevel;
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
}
