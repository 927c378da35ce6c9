package dev.jbuild.tests;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a test needs from the machine. Missing, the test is skipped with a notice on stderr, except in CI
 * (the environment variable {@code CI} is set), where it must run and so fails.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    /** Skips (fails in CI) unless {@code tool} is on the PATH. */
    public static void require(String tool, String purpose) {
        requireThat(onPath(tool), tool + " is not installed (" + purpose + ")");
    }

    /** Skips (fails in CI) unless {@code available}; {@code missing} says what is not there. */
    public static void requireThat(boolean available, String missing) {
        if (available) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            fail(missing + ": CI must provide it");
        }
        System.err.println("NOTICE: test skipped: " + missing);
        assumeTrue(false, missing);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
