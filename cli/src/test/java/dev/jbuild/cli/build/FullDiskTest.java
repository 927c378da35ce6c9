package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a file system that fills up during a build (a 48 MiB tmpfs, a 64 MB COPY): the build
 * fails with one line that says what to do, and the store keeps what it held, with nothing half-written.
 */
class FullDiskTest {
    @TempDir
    Path scratch;
    Path mount;
    Path store;

    private Result run(String... args) {
        return InProcessCli.run(store, args);
    }

    @BeforeEach
    void smallStore() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        mount = Files.createDirectories(scratch.resolve("small"));
        command("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString());
        store = mount.resolve("store");
        Path rootfs = Files.createDirectories(scratch.resolve("busybox/bin"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                rootfs.resolve("busybox"));
        Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
        Result imported = run("import", scratch.resolve("busybox").toString(), "busybox:latest");
        assertEquals(0, imported.exit(), imported.err());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            command("umount", "-l", mount.toString());
        }
    }

    @Test
    void aBuildThatFillsTheDiskSaysSoInOneLineAndLeavesTheStoreAsItWas() throws Exception {
        Path context = Files.createDirectories(scratch.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY big /big\n");
        try (OutputStream big = Files.newOutputStream(context.resolve("big"))) {
            byte[] chunk = new byte[1 << 20];
            Random random = new Random(7);
            for (int i = 0; i < 64; i++) {
                random.nextBytes(chunk);
                big.write(chunk);
            }
        }
        Map<String, Long> before = files(store);

        Result full = run("build", "--progress", "plain", "-t", "too-big", context.toString());

        assertEquals(1, full.exit(), full.err());
        List<String> lines = full.err().lines().toList();
        assertEquals("jbuild: no space left on device: free some space; 'jbuild rmi' and 'jbuild prune' free what "
                + "the store (" + store + ") holds", lines.get(lines.size() - 1));
        assertFalse(full.err().contains("internal error"), full.err());
        assertFalse(full.err().contains("\tat "), full.err());

        // What a build may add before its failing step: the base layer's diff directory, the executor's
        // probe verdicts and the build lock. Nothing else, and nothing half-written.
        Map<String, Long> after = files(store);
        // the snapshots of steps that succeeded before the full disk stay, as the cache keeps them
        after.keySet().removeIf(path -> madeByAnyBuild(path) || path.startsWith("snapshots/") && !before.containsKey(path));
        before.keySet().removeIf(FullDiskTest::madeByAnyBuild);
        assertEquals(before, after, "blobs, references, cache and temp files are as before the build");
        assertTrue(run("images", "--format", "json").out().contains("busybox"));
        assertFalse(run("images", "--format", "json").out().contains("too-big"));

        Files.delete(context.resolve("big"));
        Files.writeString(context.resolve("big"), "small now\n");
        Result fits = run("build", "--progress", "quiet", "-t", "fits", context.toString());
        assertEquals(0, fits.exit(), fits.err());
    }

    private static boolean madeByAnyBuild(String path) {
        return path.startsWith("executor/") || path.equals("builds.lock");
    }

    /** Every regular file under the store, with its size, by path relative to the store. */
    private static Map<String, Long> files(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), Files.size(path));
            }
        }
        return files;
    }

    private static void command(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", args) + ": " + output);
    }
}
