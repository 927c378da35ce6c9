package dev.jbuild.builder.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.parser.ignore.DockerIgnore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache-key checksum: what changes it, what does not, and its per-context content cache. */
class ChecksumTest {
    @TempDir
    Path temp;

    private Path context;

    @BeforeEach
    void createContext() throws Exception {
        context = temp.resolve("context");
        TreeFixture.create(context, """
                f app/main.go package-main
                f app/go.mod module
                d app/assets
                f app/assets/logo.svg svg
                l app/current main.go
                f secret.env TOKEN=1
                f README.md readme
                """);
    }

    private CopyRequest copyApp() {
        return CopyRequest.builder("/src/", null).fromContext(context).source("app").build();
    }

    private String digest(DockerFileCopier copier, CopyRequest request) throws Exception {
        return copier.checksum(request).digest().value();
    }

    @Test
    void checksumIsAStableSha256OverEveryCopiedEntry() throws Exception {
        SourceDigest first = new DockerFileCopier(null).checksum(copyApp());
        SourceDigest second = new DockerFileCopier(null).checksum(copyApp());
        assertEquals(first, second);
        assertTrue(first.digest().value().matches("sha256:[0-9a-f]{64}"));
        assertEquals(6, first.files()); // app, assets, assets/logo.svg, current, go.mod, main.go
    }

    @Test
    void touchingFilesKeepsTheChecksum() throws Exception {
        String before = digest(new DockerFileCopier(null), copyApp());
        Files.setLastModifiedTime(context.resolve("app/main.go"), FileTime.fromMillis(1_600_000_000_000L));
        Files.setLastModifiedTime(context.resolve("app/assets"), FileTime.fromMillis(1_600_000_000_000L));
        assertEquals(before, digest(new DockerFileCopier(null), copyApp()));
    }

    @Test
    void changingContentChangesTheChecksum() throws Exception {
        String before = digest(new DockerFileCopier(null), copyApp());
        Files.writeString(context.resolve("app/main.go"), "package-other");
        assertNotEquals(before, digest(new DockerFileCopier(null), copyApp()));
    }

    @Test
    void changingModeChangesTheChecksum() throws Exception {
        String before = digest(new DockerFileCopier(null), copyApp());
        Files.setAttribute(context.resolve("app/go.mod"), "unix:mode", 0755);
        assertNotEquals(before, digest(new DockerFileCopier(null), copyApp()));
    }

    @Test
    void changingASymlinkTargetChangesTheChecksum() throws Exception {
        String before = digest(new DockerFileCopier(null), copyApp());
        Files.delete(context.resolve("app/current"));
        Files.createSymbolicLink(context.resolve("app/current"), Path.of("go.mod"));
        assertNotEquals(before, digest(new DockerFileCopier(null), copyApp()));
    }

    @Test
    void addingAFileChangesTheChecksum() throws Exception {
        String before = digest(new DockerFileCopier(null), copyApp());
        Files.writeString(context.resolve("app/new.go"), "x");
        assertNotEquals(before, digest(new DockerFileCopier(null), copyApp()));
    }

    @Test
    void ownerOnDiskDoesNotCountForContextFilesButCountsForStageFiles() throws Exception {
        CopyRequest fromStage = CopyRequest.builder("/src/", null).fromStage(context).source("app").build();
        String contextBefore = digest(new DockerFileCopier(null), copyApp());
        String stageBefore = digest(new DockerFileCopier(null), fromStage);
        Files.setAttribute(context.resolve("app/go.mod"), "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
        assertEquals(contextBefore, digest(new DockerFileCopier(null), copyApp()));
        assertNotEquals(stageBefore, digest(new DockerFileCopier(null), fromStage));
    }

    @Test
    void dockerIgnoredFilesAreNotInTheChecksum() throws Exception {
        CopyRequest all = CopyRequest.builder("/src/", null).fromContext(context).source(".")
                .ignore(DockerIgnore.parse("secret.env")).build();
        DockerFileCopier copier = new DockerFileCopier(null);
        String before = copier.checksum(all).digest().value();
        int files = copier.checksum(all).files();
        Files.writeString(context.resolve("secret.env"), "TOKEN=2");
        assertEquals(before, digest(new DockerFileCopier(null), all));
        assertEquals(files, new DockerFileCopier(null).checksum(all).files());
        Files.writeString(context.resolve("README.md"), "changed");
        assertNotEquals(before, digest(new DockerFileCopier(null), all));
    }

    @Test
    void excludedFilesAreNotInTheChecksum() throws Exception {
        CopyRequest request = CopyRequest.builder("/src/", null).fromContext(context).source("app")
                .exclude("assets").build();
        String before = digest(new DockerFileCopier(null), request);
        Files.writeString(context.resolve("app/assets/logo.svg"), "other");
        assertEquals(before, digest(new DockerFileCopier(null), request));
    }

    @Test
    void differentSelectionsGiveDifferentChecksums() throws Exception {
        DockerFileCopier copier = new DockerFileCopier(null);
        String goFiles = digest(copier, CopyRequest.builder("/s/", null).fromContext(context).source("app/*.go").build());
        String goMod = digest(copier, CopyRequest.builder("/s/", null).fromContext(context).source("app/go.mod").build());
        assertNotEquals(goFiles, goMod);
    }

    @Test
    void heredocContentIsInTheChecksum() throws Exception {
        DockerFileCopier copier = new DockerFileCopier(null);
        String a = digest(copier, CopyRequest.builder("/s/", null).heredoc("f", "one").build());
        String b = digest(copier, CopyRequest.builder("/s/", null).heredoc("f", "two").build());
        assertNotEquals(a, b);
        assertEquals(a, digest(copier, CopyRequest.builder("/s/", null).heredoc("f", "one").build()));
    }

    @Test
    void checksumFailsLikeCopyForAMissingSource() {
        CopyException error = assertThrows(CopyException.class, () -> new DockerFileCopier(null).checksum(
                CopyRequest.builder("/s/", null).fromContext(context).source("nope.txt").build()));
        assertEquals("failed to compute cache key: \"/nope.txt\": not found", error.getMessage());
    }

    @Test
    void unchangedFilesAreNotReadAgainInTheSameProcess() throws Exception {
        makeOld();
        DockerFileCopier copier = new DockerFileCopier(null);
        String first = digest(copier, copyApp());
        assertEquals(3, copier.contentReads()); // main.go, go.mod, logo.svg
        String second = digest(copier, copyApp());
        assertEquals(first, second);
        assertEquals(3, copier.contentReads());
    }

    @Test
    void persistedCacheSparesReadingUnchangedFilesInANewProcess() throws Exception {
        makeOld();
        Path cacheDir = temp.resolve("cache");
        String first = digest(new DockerFileCopier(cacheDir), copyApp());
        try (var files = Files.list(cacheDir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".checksums")).count());
        }
        DockerFileCopier fresh = new DockerFileCopier(cacheDir);
        assertEquals(first, digest(fresh, copyApp()));
        assertEquals(0, fresh.contentReads());
    }

    @Test
    void touchedFileIsReadOnceMoreAndKeepsTheChecksum() throws Exception {
        makeOld();
        DockerFileCopier copier = new DockerFileCopier(null);
        String first = digest(copier, copyApp());
        long reads = copier.contentReads();
        Files.setLastModifiedTime(context.resolve("app/main.go"), FileTime.fromMillis(1_500_000_000_000L));
        Thread.sleep(1100); // the new ctime must leave the racy window before the entry is remembered
        assertEquals(first, digest(copier, copyApp()));
        assertEquals(reads + 1, copier.contentReads());
        assertEquals(first, digest(copier, copyApp()));
        assertEquals(reads + 1, copier.contentReads());
    }

    @Test
    void modifiedFileIsReadAgainEvenWithTheSameSizeAndTime() throws Exception {
        makeOld();
        DockerFileCopier copier = new DockerFileCopier(null);
        String first = digest(copier, copyApp());
        Path main = context.resolve("app/main.go");
        FileTime time = Files.getLastModifiedTime(main);
        Files.writeString(main, "package-MAIN"); // same length
        Files.setLastModifiedTime(main, time); // same mtime: only ctime tells
        assertNotEquals(first, digest(copier, copyApp()));
    }

    @Test
    void damagedCacheFileIsIgnored() throws Exception {
        makeOld();
        Path cacheDir = temp.resolve("cache");
        String first = digest(new DockerFileCopier(cacheDir), copyApp());
        try (var files = Files.list(cacheDir)) {
            Path cacheFile = files.findFirst().orElseThrow();
            Files.write(cacheFile, new byte[] {1, 2, 3});
        }
        DockerFileCopier fresh = new DockerFileCopier(cacheDir);
        assertEquals(first, digest(fresh, copyApp()));
        assertEquals(3, fresh.contentReads());
    }

    @Test
    void persistedEntriesOfDeletedFilesAreDropped() throws Exception {
        makeOld();
        Path cacheDir = temp.resolve("cache");
        new DockerFileCopier(cacheDir).checksum(copyApp());
        Path cacheFile;
        try (var files = Files.list(cacheDir)) {
            cacheFile = files.findFirst().orElseThrow();
        }
        assertEquals(3, new ContentHashCache(context, cacheFile).size());
        Files.delete(context.resolve("app/assets/logo.svg"));
        Files.writeString(context.resolve("README.md"), "changed");
        makeOld();
        new DockerFileCopier(cacheDir).checksum(
                CopyRequest.builder("/r/", null).fromContext(context).source("README.md").build());
        assertEquals(3, new ContentHashCache(context, cacheFile).size()); // main.go, go.mod, README.md
    }

    /** Files whose ctime is within a second are not remembered (racy clean); let the fixture age. */
    private static void makeOld() throws InterruptedException {
        Thread.sleep(1100);
    }
}
