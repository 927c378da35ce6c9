package dev.jbuild.builder.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ADD of local archives made with GNU tar and the real compressors (tar, gzip, bzip2, xz, zstd must be
 * installed). Expected trees follow what Docker 20.10 + BuildKit produced for the same archives.
 */
class AddArchiveTest {
    @TempDir
    Path temp;

    private Path context;
    private Path target;
    private final DockerFileCopier copier = new DockerFileCopier(null);

    @BeforeEach
    void createArchiveSources() throws Exception {
        context = temp.resolve("context");
        target = temp.resolve("target");
        Path tree = temp.resolve("tree");
        TreeFixture.create(tree, "d sub 0700\nf sub/f 1\nl sub/l f\nf top.txt T 0640");
        Files.createDirectories(context);
        run(tree, "tar", "--owner=1234", "--group=4321", "-cf", context.resolve("a.tar").toString(), ".");
    }

    private static final String EXTRACTED = """
            d d 0755 0:0
            d/sub d 0700 1234:4321
            d/sub/f f 0644 1234:4321 = 1
            d/sub/l l 1234:4321 -> f
            d/top.txt f 0640 1234:4321 = T""".strip();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "plain tar, a.tar, ''",
        "gzip, a.tar.gz, gzip -k",
        "bzip2, a.tar.bz2, bzip2 -k",
        "xz, a.tar.xz, xz -k",
        "zstd, a.tar.zst, zstd -q",
    })
    void localArchiveIsExtractedIntoTheDestinationKeepingItsOwners(String kind, String name, String compressor)
            throws Exception {
        if (!compressor.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(compressor.split(" ")));
            command.add("a.tar");
            run(context, command.toArray(String[]::new));
        }
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source(name).add().build());
        assertEquals(EXTRACTED, TreeFixture.list(target));
        assertEquals(TreeFixture.MTIME, TreeFixture.mtime(target.resolve("d/sub/f")));
    }

    @Test
    void archiveIsDetectedByContentNotByName() throws Exception {
        run(context, "gzip", "-k", "a.tar");
        Files.move(context.resolve("a.tar.gz"), context.resolve("a.tgz.bin"));
        copier.copy(CopyRequest.builder("/d", target).fromContext(context).source("a.tgz.bin").add().build());
        assertEquals(EXTRACTED, TreeFixture.list(target));
    }

    @Test
    void compressedFileThatIsNotATarIsCopiedAsIs() throws Exception {
        Files.writeString(context.resolve("plain"), "hello\n");
        run(context, "gzip", "plain");
        byte[] gz = Files.readAllBytes(context.resolve("plain.gz"));
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("plain.gz").add().build());
        assertArrayEquals(gz, Files.readAllBytes(target.resolve("d/plain.gz")));
    }

    @Test
    void copyDoesNotExtractArchives() throws Exception {
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("a.tar").build());
        assertArrayEquals(Files.readAllBytes(context.resolve("a.tar")), Files.readAllBytes(target.resolve("d/a.tar")));
    }

    @Test
    void unpackFalseCopiesTheArchiveAsAFile() throws Exception {
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("a.tar").add().unpack(false).build());
        assertTrue(Files.isRegularFile(target.resolve("d/a.tar")));
    }

    @Test
    void chownAppliesToEveryExtractedEntry() throws Exception {
        copier.copy(CopyRequest.builder("/d/", target).fromContext(context).source("a.tar").add().owner(7, 8).build());
        assertEquals("""
                d d 0755 7:8
                d/sub d 0700 7:8
                d/sub/f f 0644 7:8 = 1
                d/sub/l l 7:8 -> f
                d/top.txt f 0640 7:8 = T""".strip(), TreeFixture.list(target));
    }

    @Test
    void archiveRootEntryDoesNotChangeAnExistingDestination() throws Exception {
        TreeFixture.create(target, "d d 0700\nf d/keep k");
        copier.copy(CopyRequest.builder("/d", target).fromContext(context).source("a.tar").add().build());
        String listing = TreeFixture.list(target);
        assertTrue(listing.startsWith("d d 0700 0:0\nd/keep f 0644 0:0 = k\nd/sub d 0700 1234:4321"), listing);
    }

    @Test
    void hostileArchiveIsRefusedAndNothingIsWritten() throws Exception {
        writeTar(context.resolve("evil.tar"), "ok.txt", "../../escaped.txt");
        TreeFixture.create(target, "d d");
        CopyException error = assertThrows(CopyException.class, () -> copier.copy(
                CopyRequest.builder("/d/", target).fromContext(context).source("evil.tar").add().build()));
        assertTrue(error.getMessage().startsWith("refusing to extract /evil.tar: "), error.getMessage());
        assertTrue(error.getMessage().contains("../../escaped.txt"), error.getMessage());
        assertEquals("d d 0755 0:0", TreeFixture.list(target));
        assertTrue(Files.notExists(temp.resolve("escaped.txt")));
    }

    @Test
    void archiveWithWhiteoutNamesIsRefusedAndNothingIsWritten() throws Exception {
        writeTar(context.resolve("wh.tar"), "first.txt", "dir/.wh.file");
        TreeFixture.create(target, "d d");
        CopyException error = assertThrows(CopyException.class, () -> copier.copy(
                CopyRequest.builder("/d/", target).fromContext(context).source("wh.tar").add().build()));
        assertEquals("refusing to extract /wh.tar: entry 'dir/.wh.file': it has a whiteout name (.wh.*), which"
                + " jbuild does not extract with ADD", error.getMessage());
        assertEquals("d d 0755 0:0", TreeFixture.list(target));
    }

    @Test
    void archiveChecksumCoversTheArchiveBytes() throws Exception {
        CopyRequest add = CopyRequest.builder("/d/", null).fromContext(context).source("a.tar").add().build();
        String before = copier.checksum(add).digest().value();
        writeTar(context.resolve("a.tar"), "other.txt");
        assertNotEquals(before, new DockerFileCopier(null).checksum(add).digest().value());
    }

    @Test
    void checksumFlagIsRefusedForLocalSources() {
        CopyException error = assertThrows(CopyException.class, () -> copier.checksum(
                CopyRequest.builder("/d/", null).fromContext(context).source("a.tar").add()
                        .checksum("sha256:" + "0".repeat(64)).build()));
        assertEquals("checksum requires HTTP(S) or Git sources", error.getMessage());
    }

    @Test
    void gitSourcesAreRefused() {
        CopyException error = assertThrows(CopyException.class, () -> copier.checksum(
                CopyRequest.builder("/d/", null).source("https://example.invalid/repo.git").add().build()));
        assertEquals("ADD of a git repository is not supported by jbuild: https://example.invalid/repo.git",
                error.getMessage());
    }

    private static void writeTar(Path file, String... names) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String name : names) {
                byte[] data = "x".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(name, true);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
