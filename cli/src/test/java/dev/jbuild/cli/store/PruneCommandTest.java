package dev.jbuild.cli.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.testing.InProcessCli.Result;
import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbuild prune} with a build cache, through the real command line, real builds, runc and overlayfs. */
class PruneCommandTest {
    private static final Pattern RECORD_ID = Pattern.compile("[0-9a-f]{64}");
    /** A big untagged stage the tagged image copies one small file from. */
    private static final String DOCKERFILE = "FROM busybox AS big\nRUN head -c 3000000 /dev/zero > /big\n"
            + "RUN echo small > /small\nFROM busybox\nCOPY --from=big /small /small\n";

    @TempDir
    Path root;
    @TempDir
    Path scratch;
    Path context;

    private Result run(String... args) {
        return InProcessCli.run(root, args);
    }

    @BeforeEach
    void importBusyboxAndWriteTheContext() throws IOException {
        Path rootfs = Files.createDirectories(scratch.resolve("busybox/bin"));
        Files.copy(Path.of(Files.exists(Path.of("/bin/busybox")) ? "/bin/busybox" : "/usr/bin/busybox"),
                rootfs.resolve("busybox"));
        for (String applet : List.of("sh", "echo", "head")) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        Result imported = run("import", scratch.resolve("busybox").toString(), "busybox:latest");
        assertEquals(0, imported.exit(), imported.err());
        context = Files.createDirectories(scratch.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    }

    private Result build() {
        Result result = run("build", "--progress", "plain", "-t", "app:v1", context.toString());
        assertEquals(0, result.exit(), result.err());
        return result;
    }

    private static long cachedSteps(Result build) {
        return build.err().lines().filter(line -> line.matches("#\\d+ CACHED")).count();
    }

    private long recordFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("builder/cache"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void pruneDeletesTheBuildCacheAndSaysWhat() throws IOException {
        build();
        assertEquals(3, recordFiles());
        Result prune = run("prune");
        assertEquals(0, prune.exit(), prune.err());
        List<String> lines = prune.out().lines().toList();
        assertEquals("Deleted build cache objects:", lines.get(0), prune.out());
        assertTrue(lines.subList(1, 4).stream().allMatch(l -> RECORD_ID.matcher(l).matches()), prune.out());
        assertEquals("", lines.get(4));
        // the second RUN's layer is the COPY's too, so the image keeps it; the snapshots of the two RUN
        // steps' chains go in the same pass
        assertEquals("Removed 1 blobs, 2 snapshots, 0 temporary files", lines.get(5));
        assertEquals("Removed 3 build cache records", lines.get(6));
        // the big RUN step's 3 MB are in its diff alone: its layer is kept as the diff and a tar split
        assertTrue(lines.get(7).matches("Build cache size: 0B in 0 records \\(was 3(\\.\\d+)?MB\\)"), prune.out());
        assertTrue(lines.get(8).matches("Total reclaimed space: 3(\\.\\d+)?MB"), prune.out());
        assertEquals(9, lines.size(), prune.out());
        assertEquals(0, recordFiles());
        assertEquals(0, run("system", "check").exit());

        Result again = build();
        assertEquals(0, cachedSteps(again), again.err());
    }

    /** As with Docker, whose build cache outlives the images built from it. */
    @Test
    void removingTheImageKeepsTheLayersTheBuildCacheUsesSoARebuildIsCached() throws IOException {
        Result first = build();
        Result rmi = run("rmi", "app:v1");
        assertEquals(0, rmi.exit(), rmi.err());
        assertTrue(rmi.out().contains("Deleted: sha256:"), rmi.out());
        assertEquals(0, run("system", "check").exit());

        Result again = build();
        assertEquals(3, cachedSteps(again), again.err());
        assertEquals(builtId(first), builtId(again));
    }

    /** The short image ID of plain progress's summary line, {@code Built <id>: ...}. */
    private static String builtId(Result build) {
        return build.err().lines().filter(l -> l.startsWith("Built ")).findFirst().orElseThrow()
                .replaceFirst("^Built ([0-9a-f]{12}):.*", "$1");
    }

    @Test
    void untilKeepsRecentlyUsedRecordsAndTheirLayers() throws IOException {
        build();
        Result prune = run("prune", "--filter", "until=24h");
        assertEquals(0, prune.exit(), prune.err());
        assertFalse(prune.out().contains("Deleted build cache objects:"), prune.out());
        assertTrue(prune.out().contains("Removed 0 blobs, 0 snapshots, 0 temporary files\n"
                + "Removed 0 build cache records\n"), prune.out());
        assertTrue(prune.out().matches("(?s).*Build cache size: (3(?:\\.\\d+)?MB) in 3 records \\(was \\1\\)\n.*"),
                prune.out());
        assertEquals(3, recordFiles());

        Result again = build();
        assertEquals(3, cachedSteps(again), again.err());
    }

    @Test
    void keepStorageRemovesRecordsUntilTheCacheFits() throws IOException {
        build();
        Result prune = run("prune", "--keep-storage", "1MB");
        assertEquals(0, prune.exit(), prune.err());
        assertTrue(prune.out().startsWith("Deleted build cache objects:\n"), prune.out());
        assertTrue(prune.out().matches("(?s).*\nBuild cache size: 0B in [01] records \\(was 3(\\.\\d+)?MB\\)\n.*"),
                prune.out());
        assertTrue(recordFiles() <= 1);
    }

    @Test
    void aBadFilterOrSizeIsAUsageErrorOnOneLine() throws IOException {
        build();
        Result filter = run("prune", "--filter", "dangling=true");
        assertEquals(2, filter.exit());
        assertEquals("", filter.out());
        assertEquals("jbuild: Invalid value for option '--filter' (until=TIME): invalid filter 'dangling'",
                filter.err().lines().findFirst().orElseThrow());
        Result until = run("prune", "--filter", "until=yesterday");
        assertEquals(2, until.exit());
        assertTrue(until.err().lines().findFirst().orElseThrow()
                .endsWith("failed to parse value as time or duration: \"yesterday\""), until.err());
        Result size = run("prune", "--keep-storage", "10x");
        assertEquals(2, size.exit());
        assertEquals("jbuild: Invalid value for option '--keep-storage': invalid suffix: 'x'",
                size.err().lines().findFirst().orElseThrow());
        assertEquals(3, recordFiles(), "nothing was pruned");
    }
}
