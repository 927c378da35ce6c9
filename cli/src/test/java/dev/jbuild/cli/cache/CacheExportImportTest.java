package dev.jbuild.cli.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache mount filled on one "runner" (store), exported, imported into a fresh store, and used there by
 * a build: content, owners, modes and the sharing mode survive, as a CI cache step needs.
 */
class CacheExportImportTest {
    private static final String FILL = "FROM busybox\n"
            + "RUN --mount=type=cache,id=pip,target=/cache,sharing=locked,uid=1000,gid=1000,mode=0750 "
            + "echo data > /cache/f && mkdir -p /cache/d && echo deep > /cache/d/g && chown 1000:1000 /cache/f "
            + "&& chmod 600 /cache/f && ln -s f /cache/link\n"
            + "RUN --mount=type=cache,target=/var/cache/other echo other > /var/cache/other/o\n";
    private static final String USE = "FROM busybox\n"
            + "RUN --mount=type=cache,id=pip,target=/cache,sharing=locked,uid=1000,gid=1000,mode=0750 "
            + "cat /cache/f /cache/d/g && ls -ln /cache/f\n";

    @TempDir
    Path dir;

    private Result run(String store, String... args) {
        return InProcessCli.run(dir.resolve(store), args);
    }

    private Result ok(String store, String... args) {
        Result result = run(store, args);
        assertEquals(0, result.exit(), result.err());
        return result;
    }

    private void importBusybox(String store) throws IOException {
        Path rootfs = dir.resolve("busybox-" + store);
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "cat", "ls", "mkdir", "chown", "chmod", "ln")) {
            Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        ok(store, "import", rootfs.toString(), "busybox:latest");
    }

    private Path context(String name, String dockerfile) throws IOException {
        Path context = Files.createDirectories(dir.resolve(name));
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return context;
    }

    private Path cacheDirectory(String store) throws IOException {
        try (Stream<Path> caches = Files.list(dir.resolve(store).resolve("executor/cache"))) {
            for (Path base : caches.toList()) {
                if (Files.readString(base.resolve("id")).strip().equals("pip")) {
                    return base.resolve("0");
                }
            }
        }
        throw new AssertionError("no pip cache in " + store);
    }

    private static String stat(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return Integer.toOctalString(mode & 07777) + " " + Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                + ":" + Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    private void fillOnTheFirstRunner() throws IOException {
        importBusybox("first");
        ok("first", "build", "-q", context("fill", FILL).toString());
    }

    @Test
    void aTarExportRestoresContentOwnersModesAndSharingOnAFreshRunner() throws IOException {
        fillOnTheFirstRunner();
        Path archive = dir.resolve("caches.tar");
        Result exported = ok("first", "cache", "export", archive.toString(), "--id", "pip");
        assertEquals("Exported cache pip (sharing=locked, uid=1000, gid=1000, mode=750)\n", exported.out());
        importBusybox("second");
        Result imported = ok("second", "cache", "import", archive.toString());
        assertEquals("Imported cache pip (sharing=locked, uid=1000, gid=1000, mode=750)\n", imported.out());
        Path cache = cacheDirectory("second");
        assertEquals("750 1000:1000", stat(cache));
        assertEquals("600 1000:1000", stat(cache.resolve("f")));
        assertEquals("f", Files.readSymbolicLink(cache.resolve("link")).toString());
        Result used = ok("second", "build", "--progress", "plain", "--no-cache", context("use", USE).toString());
        assertTrue(used.err().contains(" data\n") && used.err().contains(" deep\n"), used.err());
        assertTrue(used.err().matches("(?s).*-rw------- +1 1000 +1000 .*"), used.err());
    }

    @Test
    void aDirectoryExportCarriesEveryCacheAndAnImportReplacesWhatWasThere() throws IOException {
        fillOnTheFirstRunner();
        Path exportDir = dir.resolve("exported/");
        Result exported = ok("first", "cache", "export", exportDir + "/");
        assertEquals(2, exported.out().lines().count(), exported.out());
        assertTrue(exported.out().contains("Exported cache /var/cache/other (sharing=shared"), exported.out());
        importBusybox("second");
        ok("second", "build", "-q", context("stale", USE.replace("cat /cache/f /cache/d/g && ls -ln /cache/f",
                "echo stale > /cache/stale")).toString());
        ok("second", "cache", "import", exportDir.toString());
        Path cache = cacheDirectory("second");
        assertTrue(Files.notExists(cache.resolve("stale")), "the import replaces the cache");
        assertEquals("data\n", Files.readString(cache.resolve("f")));
    }

    @Test
    void anUnknownIdAndANonExportAreOneLineErrors() throws IOException {
        fillOnTheFirstRunner();
        Result unknown = run("first", "cache", "export", dir.resolve("x.tar").toString(), "--id", "npm");
        assertEquals(1, unknown.exit());
        assertEquals("jbuild: no cache mount with id npm in the store\n", unknown.err());
        Path bogus = Files.writeString(dir.resolve("bogus.tar"), "not a tar at all");
        Result notExport = run("first", "cache", "import", bogus.toString());
        assertEquals(1, notExport.exit());
        assertEquals(1, notExport.err().lines().count(), notExport.err());
        assertTrue(notExport.err().startsWith("jbuild: " + bogus + " is not a cache export"), notExport.err());
    }
}
