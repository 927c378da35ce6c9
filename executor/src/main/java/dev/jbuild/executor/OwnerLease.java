package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Marks a transient directory with the process that owns it: its pid and its start time (so that
 * a recycled pid is not mistaken for the owner). A directory whose owner is gone is stale.
 */
final class OwnerLease {
    static final String FILE_NAME = "owner";

    private OwnerLease() {
    }

    /** Writes this process as the owner of {@code dir}. */
    static void claim(Path dir) throws IOException {
        long pid = ProcessHandle.current().pid();
        String content = pid + " " + startTime(pid) + "\n";
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean isClaimed(Path dir) {
        return Files.exists(dir.resolve(FILE_NAME));
    }

    /** True when the lease names a process that no longer runs (or the lease is unreadable). */
    static boolean isStale(Path dir) {
        try {
            String[] fields = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.US_ASCII).trim().split(" ");
            long pid = Long.parseLong(fields[0]);
            String started = fields.length > 1 ? fields[1] : "";
            String now = startTime(pid);
            return now == null || !now.equals(started);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Field 22 of /proc/PID/stat (clock ticks since boot), or null when the process does not exist. */
    static String startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] fields = rest.split(" ");
            return fields[19];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
