package dev.jbuild.tests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.testing.RegistryServer;
import dev.jbuild.registry.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache-to/--cache-from ...,mounts=true}: a {@code RUN --mount=type=cache} directory filled on one
 * "machine" (store) is there for a RUN on another with an empty store, through a registry or a directory.
 */
class CacheMountsThroughRegistryTest {
    @TempDir
    Path scratch;



    private void importBusybox(CliRuns cli, String store, String tag) throws Exception {
        Tools.require("busybox");
        Path rootfs = scratch.resolve("busybox-root");
        if (!Files.exists(rootfs)) {
            Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of(Files.isRegularFile(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                    rootfs.resolve("bin/busybox"));
            for (String applet : List.of("sh", "cat", "echo", "test", "mkdir")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
        }
        cli.ok("--root", store, "import", rootfs.toString(), tag);
    }

    /** Machine one fills the cache mount and exports; machine two, empty, reads the file from it. */
    private void cacheMountsTravel(String to, String from, String toLog) throws Exception {
        Tools.require("runc");
        CliRuns cli = new CliRuns(scratch);
        String one = scratch.resolve("one").toString();
        String two = scratch.resolve("two").toString();
        importBusybox(cli, one, "base:1");
        importBusybox(cli, two, "base:1");
        Path fill = Files.createDirectories(scratch.resolve("fill"));
        Files.writeString(fill.resolve("Dockerfile"), "FROM base:1\nRUN --mount=type=cache,id=pkgs,target=/var/cache/pkgs "
                + "echo downloaded-once > /var/cache/pkgs/pkg.bin\n");
        CliRuns.Run first = cli.ok("--root", one, "build", "--progress", "plain", "--cache-to", to, fill.toString());
        assertTrue(first.err().contains("exported 1 cache mounts beside " + toLog), first.err());

        Path use = Files.createDirectories(scratch.resolve("use"));
        Files.writeString(use.resolve("Dockerfile"), "FROM base:1\nRUN --mount=type=cache,id=pkgs,target=/c "
                + "cat /c/pkg.bin > /seen\n");
        CliRuns.Run second = cli.ok("--root", two, "build", "--progress", "plain", "-t", "used:1", "--cache-from", from,
                use.toString());
        assertTrue(second.err().contains("imported cache mount pkgs from " + toLog), second.err());
        Path out = Files.createDirectories(scratch.resolve("out"));
        cli.ok("--root", two, "build", "-q", "-o", "type=local,dest=" + out, use.toString());
        assertEquals("downloaded-once\n", Files.readString(out.resolve("seen")), "the RUN read the imported cache");

        CliRuns.Run without = cli.run("--root", scratch.resolve("three").toString(), "build", "--progress", "plain",
                "--cache-from", from.replace(",mounts=true", ""), fill.toString());
        assertTrue(!without.err().contains("imported cache mount"), "mounts only when asked: " + without.err());
    }

    @Test
    void cacheMountsTravelThroughARegistry() throws Exception {
        try (RegistryServer registry = RegistryServer.plain(scratch.resolve("registry"))) {
            String ref = registry.host() + "/cache/app:main";
            cacheMountsTravel("type=registry,ref=" + ref + ",mounts=true", "type=registry,ref=" + ref + ",mounts=true",
                    "registry " + ref);
            assertTrue(registry.log().contains("/v2/cache/app/manifests/main-mounts"), "kept under REPO:TAG-mounts");
        }
    }

    @Test
    void cacheMountsTravelThroughADirectory() throws Exception {
        Path dir = scratch.resolve("ci-cache");
        cacheMountsTravel("type=local,dest=" + dir + ",mounts=true", "type=local,src=" + dir + ",mounts=true",
                "directory " + dir);
        assertTrue(Files.isRegularFile(dir.resolve("cache-mounts.tar")));
    }
}
