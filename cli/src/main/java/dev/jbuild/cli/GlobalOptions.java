package dev.jbuild.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the command name. */
public final class GlobalOptions {

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Store directory (default: $JBUILD_ROOT, else /var/lib/jbuild for root, ~/.local/share/jbuild otherwise).")
    Path root;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean debug;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT, defaultValue = "info",
            description = "Log level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LogLevel logLevel = LogLevel.info;

    public enum LogLevel { error, warn, info, debug }

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
