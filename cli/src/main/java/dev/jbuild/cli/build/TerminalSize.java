package dev.jbuild.cli.build;

import dev.jbuild.platform.Native;
import java.util.Map;

/**
 * A terminal's size in character cells, asked of the terminal itself ({@code TIOCGWINSZ}) each time,
 * so that a resized window is followed on the next redraw; {@code COLUMNS}/{@code LINES} or 80x24 when
 * the stream is not a terminal.
 */
public record TerminalSize(int columns, int rows) {
    private static final long TIOCGWINSZ = 0x5413;
    private static final TerminalSize FALLBACK = new TerminalSize(80, 24);

    /** The size of the terminal on file descriptor {@code fd}, else what the environment says. */
    public static TerminalSize of(int fd, Map<String, String> env) {
        byte[] winsize = new byte[8]; // struct winsize: rows, columns, then pixels, each an unsigned short
        try {
            if (Native.libc().ioctl(fd, TIOCGWINSZ, winsize) == 0) {
                int rows = unsignedShort(winsize, 0);
                int columns = unsignedShort(winsize, 2);
                if (rows > 0 && columns > 0) {
                    return new TerminalSize(columns, rows);
                }
            }
        } catch (LinkageError e) {
            // no native access: the environment's word is all there is
        }
        return new TerminalSize(number(env.get("COLUMNS"), FALLBACK.columns), number(env.get("LINES"), FALLBACK.rows));
    }

    /** Host byte order: little-endian on every platform jbuild runs on (amd64, arm64). */
    private static int unsignedShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
    }

    private static int number(String value, int fallback) {
        try {
            int parsed = value == null ? fallback : Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
