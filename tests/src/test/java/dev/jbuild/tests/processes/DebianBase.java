package dev.jbuild.tests.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code debian:bookworm} from a {@code debootstrap --variant=minbase} root, as samples/make-base-images.sh
 * makes it. The root is made once (a minute or two from the Debian mirror) and kept as a tar under
 * {@code ~/.cache/jbuild-tests} (or {@code -Djbuild.testCache=DIR}), so that later runs only import it.
 */
final class DebianBase {
    private static final String FILE = "debian-bookworm-minbase.tar";

    private DebianBase() {
    }

    static void importInto(Path root, Path scratch) throws IOException, InterruptedException {
        JbuildProcess.Result imported = JbuildProcess.run(root, scratch, scratch.resolve("logs"),
                "import", cachedTar().toString(), "debian:bookworm", "--change", "CMD [\"bash\"]");
        assertEquals(0, imported.exitCode(), imported.err());
    }

    private static Path cachedTar() throws IOException, InterruptedException {
        Path cache = Path.of(System.getProperty("jbuild.testCache",
                Path.of(System.getProperty("user.home"), ".cache", "jbuild-tests").toString()));
        Path tar = cache.resolve(FILE);
        if (Files.isRegularFile(tar)) {
            return tar;
        }
        boolean debootstrap = Files.isExecutable(Path.of("/usr/sbin/debootstrap"));
        if (System.getenv("CI") == null) {
            assumeTrue(debootstrap, "debootstrap is not installed (apt-get install -y debootstrap)");
        }
        Files.createDirectories(cache);
        Path work = Files.createTempDirectory(cache, ".debootstrap-");
        try {
            Path rootfs = work.resolve("rootfs");
            run(work, "debootstrap", "--variant=minbase", "bookworm", rootfs.toString(), "http://deb.debian.org/debian");
            run(work, "sh", "-c", "rm -rf " + rootfs + "/var/cache/apt/archives/*.deb " + rootfs + "/var/lib/apt/lists/*");
            Path temp = work.resolve(FILE);
            run(work, "tar", "--numeric-owner", "--xattrs", "-C", rootfs.toString(), "-cf", temp.toString(), ".");
            Files.move(temp, tar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return tar;
        } finally {
            run(cache, "rm", "-rf", "--one-file-system", work.toString());
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
