package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.SizedDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportTest extends StoreTest {

    private Path rootfs() throws IOException {
        Path dir = Files.createDirectory(scratch.resolve("rootfs"));
        Trees.write(dir, "bin/sh", "#!/bin/true\n");
        Files.setPosixFilePermissions(dir.resolve("bin/sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Trees.write(dir, "etc/os-release", "NAME=test\n");
        Files.createDirectories(dir.resolve("tmp/empty"));
        Files.createSymbolicLink(dir.resolve("etc/link"), Path.of("os-release"));
        return dir;
    }

    private Map<String, String> untar(Path tar) throws Exception {
        Path out = Files.createTempDirectory(scratch, "untar");
        Trees.run(out, "tar", "-xf", tar.toString());
        return Trees.picture(out);
    }

    /**
     * {@code docker export}'s headers: the file type in the mode (Docker adds back what Go's archive/tar
     * dropped) and the owners' names as the host names them; a layer keeps numbers only.
     */
    @Test
    void exportHeadersCarryTheFileTypeAndTheOwnersNamesLikeDockerExport() throws Exception {
        Path dir = rootfs();
        Files.createLink(dir.resolve("bin/hard"), dir.resolve("bin/sh"));
        Trees.run(dir, "chown", "-h", "65533:65532", "etc/os-release");
        ImageRecord image = new ImageImporter(store).importRootfs(dir, "headers:1", UnaryOperator.identity(), null);
        Path exported = scratch.resolve("export.tar");
        try (OutputStream out = Files.newOutputStream(exported)) {
            new ImageExporter(store).export("headers:1", out);
        }
        HostAccounts host = HostAccounts.system();
        String root = host.user(0) + ":" + host.group(0);
        assertEquals("root:root", root, "every Linux host names id 0 root");
        assertEquals(Map.of(
                "bin/", "040755 " + root,
                "bin/hard", "0100755 " + root,
                "bin/sh", "0100755 " + root + " -> bin/hard",
                "etc/", "040755 " + root,
                "etc/link", "0120777 " + root + " -> os-release",
                "etc/os-release", "0100644 " + host.user(65533) + ":" + host.group(65532),
                "tmp/", "040755 " + root,
                "tmp/empty/", "040755 " + root), headers(exported));

        Path layer = store.blobs().path(image.diffIds().get(0));
        assertEquals("0755 :", headers(layer).get("bin/"), "a layer has no type bits and no names");
    }

    /** name → octal mode, uname:gname and link target of each entry, read with Commons Compress. */
    private static Map<String, String> headers(Path tar) throws IOException {
        Map<String, String> headers = new java.util.TreeMap<>();
        try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                     new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tar))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                headers.put(entry.getName(), "0" + Integer.toOctalString(entry.getMode()) + " " + entry.getUserName()
                        + ":" + entry.getGroupName() + (entry.getLinkName().isEmpty() ? "" : " -> " + entry.getLinkName()));
            }
        }
        return headers;
    }

    @Test
    void hostAccountsAreReadLikeGoReadsThem() throws IOException {
        Path passwd = Trees.write(scratch, "passwd", "# comment\nroot:x:0:0:root:/root:/bin/sh\nbad:x:nan:1::/:\n"
                + "first:x:1000:1000::/:\nsecond:x:1000:1000::/:\n");
        Path group = Trees.write(scratch, "group", "root:x:0:\nstaff:x:50:app\n");
        HostAccounts accounts = HostAccounts.read(passwd, group);
        assertEquals("root", accounts.user(0));
        assertEquals("first", accounts.user(1000), "the first line with the id wins");
        assertEquals("", accounts.user(4242));
        assertEquals("staff", accounts.group(50));
        assertEquals("", HostAccounts.read(scratch.resolve("none"), scratch.resolve("none")).group(0));
    }

    @Test
    void importedDirectoryExportsBackToTheSameTree() throws Exception {
        Path dir = rootfs();
        ImageRecord image = new ImageImporter(store).importRootfs(dir, "imported:1", UnaryOperator.identity(), null);
        assertEquals(List.of("imported:1"), image.repoTags());
        assertEquals(1, image.diffIds().size());
        HistoryEntry history = image.config().history().get(0);
        assertEquals("Imported from " + dir, history.comment());
        assertEquals("", history.createdBy());
        assertEquals(Platform.host(), image.config().platform());
        assertTrue(image.config().created() != null);

        Path exported = scratch.resolve("export.tar");
        try (OutputStream out = Files.newOutputStream(exported)) {
            new ImageExporter(store).export("imported:1", out);
        }
        assertEquals(Trees.picture(dir), untar(exported));
        assertTrue(Files.isExecutable(store.layers().diffs(image).get(0).resolve("bin/sh")));
    }

    @Test
    void gzipTarballBuiltByGnuTarImportsWithTheTarballsDigestAsDiffId() throws Exception {
        Path dir = rootfs();
        Path tarball = scratch.resolve("rootfs.tar.gz");
        Trees.run(dir, "tar", "--numeric-owner", "-czf", tarball.toString(), ".");
        ImageRecord image = new ImageImporter(store).importRootfs(tarball, "gz", UnaryOperator.identity(), "my message");
        byte[] uncompressed;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
            uncompressed = in.readAllBytes();
        }
        assertEquals(Digest.of(uncompressed), image.diffIds().get(0));
        assertEquals("my message", image.config().history().get(0).comment());
        Path exported = scratch.resolve("export.tar");
        try (OutputStream out = Files.newOutputStream(exported)) {
            new ImageExporter(store).export(image, out);
        }
        assertEquals(Trees.picture(dir), untar(exported));
    }

    @Test
    void changesEditTheImportedConfig() throws IOException {
        ImageRecord image = new ImageImporter(store).importRootfs(rootfs(), "c",
                config -> config.withConfig(config.config().withCmd(List.of("sh")).withEnvVariable("A", "b")), null);
        assertEquals(List.of("sh"), store.image("c").config().config().cmd());
        assertEquals(List.of("A=b"), image.config().config().env());
    }

    @Test
    void exportIsDeterministicAndHasNoWhiteouts() throws Exception {
        ImageRecord image = new ImageImporter(store).importRootfs(rootfs(), "d", UnaryOperator.identity(), null);
        SizedDigest first = new ImageExporter(store).export(image, OutputStream.nullOutputStream());
        SizedDigest second = new ImageExporter(store).export(image, OutputStream.nullOutputStream());
        assertEquals(first, second);
    }

    @Test
    void zstdTarballImportsWithItsUncompressedDigestAsDiffId() throws Exception {
        Path dir = rootfs();
        Path tar = scratch.resolve("rootfs.tar");
        Trees.run(dir, "tar", "--sort=name", "--owner=0", "--group=0", "-cf", tar.toString(), ".");
        Path zst = scratch.resolve("rootfs.tar.zst");
        try (OutputStream out = CompressionStreams.compressing(Compression.ZSTD, Files.newOutputStream(zst))) {
            Files.copy(tar, out);
        }
        ImageRecord image = new ImageImporter(store).importRootfs(zst, "z", UnaryOperator.identity(), null);
        assertEquals(List.of(Digest.of(Files.readAllBytes(tar))), image.diffIds());
        assertEquals(untar(tar), Trees.picture(store.layers().diffs(image).get(0)));
    }

    @Test
    void hostileTarballIsRefusedAndNoImageAppears() throws Exception {
        Path work = Files.createDirectories(scratch.resolve("w/inner"));
        Trees.write(scratch.resolve("w"), "evil", "escape");
        Trees.run(work, "tar", "-cPf", "../evil.tar", "../evil");
        assertThrows(LayerRejectedException.class, () -> new ImageImporter(store)
                .importRootfs(scratch.resolve("w/evil.tar"), "evil", UnaryOperator.identity(), null));
        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(scratch.resolve("evil")));
    }

    @Test
    void notATarIsRefused() throws IOException {
        Path junk = scratch.resolve("junk.tar");
        Files.writeString(junk, "this is not a tar archive at all, just text".repeat(20), StandardCharsets.UTF_8);
        assertThrows(LayerRejectedException.class,
                () -> new ImageImporter(store).importRootfs(junk, "junk", UnaryOperator.identity(), null));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void badReferenceIsRefusedBeforeAnyWork() throws IOException {
        Path dir = rootfs();
        assertThrows(InvalidReferenceException.class,
                () -> new ImageImporter(store).importRootfs(dir, "Bad Name", UnaryOperator.identity(), null));
        assertTrue(store.blobs().list().isEmpty());
    }

    @Test
    void exportOfAnImageWithoutLayersIsAnEmptyTar() throws Exception {
        ImageRecord empty = store.writeImage(ImageConfig.empty(new Platform("amd64", "linux")), List.of(), "empty");
        Path exported = scratch.resolve("empty.tar");
        try (OutputStream out = Files.newOutputStream(exported)) {
            new ImageExporter(store).export(empty, out);
        }
        assertEquals(Map.of(), untar(exported));
        assertEquals(1024, Files.size(exported));
    }
}
