package dev.jbuild.cli.registry;

import dev.jbuild.cli.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether progress goes to a real terminal (redrawn in place) or a log (plain lines). */
final class Terminals {
    private Terminals() {
    }

    static boolean isTerminal(Context context) {
        if (context.out() != System.out || "dumb".equals(context.env().get("TERM"))) {
            return false;
        }
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
