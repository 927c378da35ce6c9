package dev.jbuild.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's own stdin, stdout or stderr is a terminal: as Docker checks before writing an
 * archive to stdout or reading one from stdin, and before redrawing progress in place. Only the real process streams can be terminals; a
 * {@link Context} built on other streams (tests) never is. Linux: /proc/self/fd names the device.
 */
public final class Terminals {
    private Terminals() {
    }

    public static boolean stdoutIsTerminal(Context context) {
        return context.out() == System.out && isTerminal(1);
    }

    /** Whether progress on stdout may be redrawn in place: a terminal that is not a dumb one. */
    public static boolean redrawsStdout(Context context) {
        return stdoutIsTerminal(context) && !"dumb".equals(context.env().get("TERM"));
    }

    public static boolean stdinIsTerminal(Context context) {
        return context.stdin() == System.in && isTerminal(0);
    }

    /** Whether this process's file descriptor {@code fd} is a terminal. */
    public static boolean isTerminal(int fd) {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
