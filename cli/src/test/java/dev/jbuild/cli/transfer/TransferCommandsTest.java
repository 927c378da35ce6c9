package dev.jbuild.cli.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.Cli;
import dev.jbuild.store.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save, load, verify and key generate through the real command line. */
class TransferCommandsTest {
    @TempDir
    Path scratch;

    record Result(int exit, String out, String err, byte[] raw) {
    }

    private Result run(Path root, String... args) {
        return runWithStdin(root, new ByteArrayInputStream(new byte[0]), args);
    }

    private Result runWithStdin(Path root, InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int exit = new Cli(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(all.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    private Path source() {
        return scratch.resolve("source");
    }

    private Path target() {
        return scratch.resolve("target");
    }

    /** Imports a small tree as {@code reference} into the source store; returns the image ID. */
    private String importImage(String reference, String content) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "rootfs");
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/motd"), content);
        Result result = run(source(), "import", dir.toString(), reference);
        assertEquals(0, result.exit(), result.err());
        return result.out().trim();
    }

    private Path saveToFile(String... images) {
        Path file = scratch.resolve("archive-" + System.nanoTime() + ".tar");
        List<String> args = new ArrayList<>(List.of("save", "-o", file.toString()));
        args.addAll(List.of(images));
        Result result = run(source(), args.toArray(String[]::new));
        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.out());
        return file;
    }

    /**
     * {@code save --platform} of an image not pulled from an index (behaves as before indexes were kept): its
     * own platform saves; another is one line, nothing written.
     */
    @Test
    void saveWithAPlatformSavesOnlyAnImageOfThatPlatform() throws IOException {
        importImage("app:1", "hello");
        String host = dev.jbuild.imagespec.Platform.host().toString();
        Path file = scratch.resolve("platform.tar");
        Result same = run(source(), "save", "--platform", host.toUpperCase(java.util.Locale.ROOT), "-o",
                file.toString(), "app:1");
        assertEquals(0, same.exit(), same.err());
        assertTrue(Files.size(file) > 0);

        String other = host.endsWith("arm64") ? "linux/amd64" : "linux/arm64";
        Path refused = scratch.resolve("refused.tar");
        Result wrong = run(source(), "save", "--platform", other, "-o", refused.toString(), "app:1");
        assertEquals(1, wrong.exit());
        assertEquals("jbuild: app:1 has no " + other + " image in the store (present: " + host + "); get it with "
                + "'jbuild pull --platform " + other + " app:1'\n", wrong.err());
        assertFalse(Files.exists(refused), "nothing written");

        Result invalid = run(source(), "save", "--platform", "linux", "-o", refused.toString(), "app:1");
        assertEquals("jbuild: invalid platform \"linux\": expected os/arch[/variant]\n", invalid.err());
    }

    @Test
    void saveToAFileThenLoadPrintsDockersLoadedImageLines() throws IOException {
        String id = importImage("app:1", "hello");
        Path archive = saveToFile("app:1");
        Result loaded = run(target(), "load", "-i", archive.toString());
        assertEquals(0, loaded.exit(), loaded.err());
        assertEquals("Loaded image: app:1\n", loaded.out());
        try (ImageStore store = ImageStore.open(target())) {
            assertEquals(id, store.image("app:1").id().value());
        }
    }

    @Test
    void saveWithoutOutputStreamsTheSameArchiveToStdout() throws IOException {
        importImage("app:1", "hello");
        Path archive = saveToFile("app:1");
        Result streamed = run(source(), "save", "app:1");
        assertEquals(0, streamed.exit(), streamed.err());
        assertArrayEquals(Files.readAllBytes(archive), streamed.raw());
        Result dash = run(source(), "save", "-o", "-", "app:1");
        assertArrayEquals(Files.readAllBytes(archive), dash.raw());
    }

    @Test
    void loadReadsTheArchiveFromStdin() throws IOException {
        importImage("app:1", "hello");
        Path archive = saveToFile("app:1");
        Result loaded = runWithStdin(target(), Files.newInputStream(archive), "load");
        assertEquals(0, loaded.exit(), loaded.err());
        assertEquals("Loaded image: app:1\n", loaded.out());
    }

    @Test
    void imageSavedByIdLoadsUntaggedAndIsReportedByItsId() throws IOException {
        String id = importImage("app:1", "hello");
        Path archive = saveToFile(id.substring("sha256:".length(), 19));
        Result loaded = run(target(), "load", "--input", archive.toString());
        assertEquals("Loaded image ID: " + id + "\n", loaded.out());
    }

    @Test
    void loadThatMovesATagSaysWhichImageLostIt() throws IOException {
        String first = importImage("app:1", "first");
        assertEquals(0, run(target(), "load", "-i", saveToFile("app:1").toString()).exit());
        importImage("app:1", "second");
        Result loaded = run(target(), "load", "-i", saveToFile("app:1").toString());
        assertEquals("The image app:1 already exists, renaming the old one with ID " + first + " to empty string\n"
                + "Loaded image: app:1\n", loaded.out());
    }

    @Test
    void corruptArchiveFailsWithOneLineAndLoadsNothing() throws IOException {
        String id = importImage("app:1", "hello");
        Path archive = saveToFile("--compress", "none", "app:1");
        byte[] bytes = Files.readAllBytes(archive);
        String config = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = config.indexOf("\"architecture\"");
        bytes[at + 2] = 'A';
        Files.write(archive, bytes);
        Result loaded = run(target(), "load", "-i", archive.toString());
        assertEquals(1, loaded.exit());
        assertEquals("", loaded.out());
        assertTrue(loaded.err().matches("jbuild: blob " + id + " is corrupt: expected " + id
                + ", got sha256:[0-9a-f]{64}\n"), loaded.err());
        try (ImageStore store = ImageStore.open(target())) {
            assertTrue(store.list().isEmpty());
        }
    }

    @Test
    void missingArchiveAndUnknownCompressionAreOneLineErrors() throws IOException {
        Result missing = run(target(), "load", "-i", scratch.resolve("nope.tar").toString());
        assertEquals(1, missing.exit());
        assertEquals("jbuild: open " + scratch.resolve("nope.tar") + ": no such file or directory\n", missing.err());
        importImage("app:1", "hello");
        Result bad = run(source(), "save", "--compress", "lz4", "-o", scratch.resolve("x.tar").toString(), "app:1");
        assertEquals(1, bad.exit());
        assertEquals("jbuild: invalid --compress 'lz4': use none, gzip or zstd\n", bad.err());
        Result unknown = run(source(), "save", "-o", scratch.resolve("y.tar").toString(), "nope:1");
        assertEquals("jbuild: No such image: nope:1\n", unknown.err());
        assertTrue(Files.notExists(scratch.resolve("y.tar")));
    }

    @Test
    void signedSaveVerifiesWithItsKeyAndIsRefusedWithAnother() throws IOException {
        Result generated = run(source(), "key", "generate", scratch.resolve("appliance").toString());
        assertEquals(0, generated.exit(), generated.err());
        assertEquals("Private key written to " + scratch.resolve("appliance.key") + "\nPublic key written to "
                + scratch.resolve("appliance.pub") + "\n", generated.out());
        assertEquals(0, run(source(), "key", "generate", scratch.resolve("other").toString()).exit());
        importImage("app:1", "hello");
        Path archive = scratch.resolve("signed.tar");
        Result saved = run(source(), "save", "--sign", scratch.resolve("appliance.key").toString(), "-o",
                archive.toString(), "app:1");
        assertEquals(0, saved.exit(), saved.err());

        Result verified = run(target(), "verify", "-i", archive.toString(), "--key",
                scratch.resolve("appliance.pub").toString());
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().matches("app:1 \\(sha256:[0-9a-f]{64}\\): verified\n"), verified.out());
        Result wrongKey = run(target(), "verify", "-i", archive.toString(), "--key",
                scratch.resolve("other.pub").toString());
        assertEquals(1, wrongKey.exit());
        assertTrue(wrongKey.out().endsWith("): signature does not match the key (signed by another key, or altered "
                + "after signing)\n"), wrongKey.out());

        Result refused = run(target(), "load", "-i", archive.toString(), "--verify",
                scratch.resolve("other.pub").toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().startsWith("jbuild: refusing to load the archive: app:1 (sha256:"), refused.err());
        try (ImageStore store = ImageStore.open(target())) {
            assertTrue(store.list().isEmpty());
        }
        Result accepted = run(target(), "load", "-i", archive.toString(), "--verify",
                scratch.resolve("appliance.pub").toString());
        assertEquals(0, accepted.exit(), accepted.err());
        assertEquals("Loaded image: app:1\n", accepted.out());
    }

    @Test
    void unsignedArchiveIsRefusedByLoadVerify() throws IOException {
        run(source(), "key", "generate", "--out", scratch.resolve("k").toString());
        importImage("app:1", "hello");
        Path archive = saveToFile("app:1");
        Result refused = run(target(), "load", "-i", archive.toString(), "--verify", scratch.resolve("k.pub").toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.err().matches("jbuild: refusing to load the archive: app:1 \\(sha256:[0-9a-f]{64}\\): "
                + "not signed\n"), refused.err());
    }

    @Test
    void keyGenerateRefusesToOverwriteAndUnreadableKeysAreNamed() throws IOException {
        Path base = scratch.resolve("k");
        assertEquals(0, run(source(), "key", "generate", base.toString()).exit());
        Result again = run(source(), "key", "generate", base.toString());
        assertEquals(1, again.exit());
        assertEquals("jbuild: " + scratch.resolve("k.key") + " already exists; refusing to overwrite it\n", again.err());
        importImage("app:1", "hello");
        Result wrongFile = run(source(), "save", "--sign", scratch.resolve("k.pub").toString(), "-o",
                scratch.resolve("x.tar").toString(), "app:1");
        assertEquals(1, wrongFile.exit());
        assertEquals("jbuild: " + scratch.resolve("k.pub") + " holds no private key (found SubjectPublicKeyInfo); "
                + "expected PEM 'PRIVATE KEY'\n", wrongFile.err());
    }
}
