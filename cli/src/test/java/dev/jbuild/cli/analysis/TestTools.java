package dev.jbuild.cli.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tools the SBOM tests compare against, made once and kept under {@code /var/cache/jbuild-test} so that
 * reruns are fast: a Debian bookworm minbase root from debootstrap, and {@code @cyclonedx/cdxgen} from
 * the npm registry (installed there, never globally). Outside CI a missing tool skips the test with a
 * message; with {@code CI} set, it is made or the test fails.
 */
final class TestTools {
    static final Path CACHE = Path.of("/var/cache/jbuild-test");
    static final Path DEBIAN = CACHE.resolve("debian-bookworm");
    static final Path CDXGEN = CACHE.resolve("cdxgen");

    private TestTools() {
    }

    private static boolean ci() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty();
    }

    /** The debootstrap root, made now when missing (a few minutes) and allowed. */
    static Path debianRoot() throws IOException, InterruptedException {
        if (!Files.isRegularFile(DEBIAN.resolve("var/lib/dpkg/status"))) {
            boolean canMake = Files.isExecutable(Path.of("/usr/sbin/debootstrap"));
            if (!ci()) {
                assumeTrue(false, "no Debian root at " + DEBIAN + " (make it with: debootstrap --variant=minbase "
                        + "bookworm " + DEBIAN + "); the test runs in CI");
            }
            assumeTrue(canMake || ci(), "debootstrap is not installed");
            Path partial = CACHE.resolve("debian-bookworm.partial");
            run(List.of("rm", "-rf", partial.toString()), 60);
            run(List.of("debootstrap", "--variant=minbase", "bookworm", partial.toString(),
                    "http://deb.debian.org/debian"), 1200);
            run(List.of("sh", "-c", "rm -rf " + partial + "/var/cache/apt/archives/*.deb " + partial
                    + "/var/lib/apt/lists/*"), 60);
            Files.move(partial, DEBIAN);
        }
        return DEBIAN;
    }

    /** The cdxgen launcher, installed with npm under the cache directory when missing. */
    static Path cdxgen() throws IOException, InterruptedException {
        Path bin = CDXGEN.resolve("node_modules/.bin/cdxgen");
        if (!Files.isExecutable(bin)) {
            assumeTrue(ci(), "cdxgen is not installed (npm install --prefix " + CDXGEN
                    + " @cyclonedx/cdxgen); the test runs in CI");
            Files.createDirectories(CDXGEN);
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", CDXGEN.toString(),
                    "@cyclonedx/cdxgen"), 900);
        }
        return bin;
    }

    static void run(List<String> command, long seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + seconds + "s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
    }
}
