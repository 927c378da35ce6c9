package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse file in a layer: written in GNU's PAX sparse format 1.0, so the layer holds its data and not its
 * holes, read back the same by Go's archive/tar and GNU tar, and unpacked by jbuild with its holes kept.
 */
class SparseLayerTest {
    private static final long SIZE = 256L << 20;

    @TempDir
    Path dir;
    private Path tree;
    private Path sparse;

    /** 256 MiB with 4 KiB of data at its start, a word in the middle, and a hole at its end. */
    @BeforeEach
    void sparseFile() throws IOException {
        tree = Files.createDirectories(dir.resolve("tree/data"));
        sparse = tree.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(SIZE);
            byte[] head = new byte[4096];
            java.util.Arrays.fill(head, (byte) 'h');
            file.write(head);
            file.seek(100L << 20);
            file.write("the middle".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(tree.resolve("small.txt"), "dense\n");
        assertTrue(allocated(sparse) < (1L << 20), "the file system keeps it sparse");
    }

    private static long allocated(Path file) throws IOException {
        return Long.parseLong(run(file.getParent(), "du", "-k", "--", file.toString()).split("\\s")[0]) * 1024;
    }

    private static String run(Path dir, String... command) throws IOException {
        try {
            return Commands.check(dir, command);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private Path layer() throws IOException {
        Path tar = dir.resolve("layer.tar");
        try (var out = Files.newOutputStream(tar)) {
            LayerWriter.of(WriterOptions.defaults()).writeDirectory(dir.resolve("tree"), out);
        }
        return tar;
    }

    private static Path apply(Path tar, Path target) throws Exception {
        try (InputStream in = Files.newInputStream(tar)) {
            LayerApplier.of(ApplyOptions.defaults()).apply(in, target);
        }
        return target;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void theLayerHoldsTheDataNotTheHoles() throws IOException {
        assertTrue(Files.size(layer()) < 64 * 1024, "layer of " + Files.size(layer()) + " bytes");
    }

    @Test
    void goArchiveTarReadsTheFileBackWithItsContent() throws Exception {
        boolean go = Commands.available("go");
        if (System.getenv("CI") == null) {
            assumeTrue(go, "needs a Go toolchain (apt-get install -y golang-go)");
        }
        Path program = Path.of(SparseLayerTest.class.getResource("/gotarread/main.go").toURI());

        String listing = run(dir, "sh", "-c", "go run '" + program + "' < '" + layer() + "'");

        assertEquals("data/ 5 0 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                + "data/disk.img 0 " + SIZE + " " + SIZE + " " + sha256(sparse) + "\n"
                + "data/small.txt 0 6 6 " + sha256(tree.resolve("small.txt")) + "\n", listing);
    }

    @Test
    void gnuTarExtractsTheSameFileWithItsHoles() throws Exception {
        Path out = Files.createDirectories(dir.resolve("gnu"));

        run(out, "tar", "-xf", layer().toString());

        Path extracted = out.resolve("data/disk.img");
        assertEquals(SIZE, Files.size(extracted));
        assertEquals(sha256(sparse), sha256(extracted));
        assertTrue(allocated(extracted) < (1L << 20), "GNU tar keeps the holes: " + allocated(extracted));
    }

    @Test
    void jbuildUnpacksItWithItsHoles() throws Exception {
        Path target = apply(layer(), dir.resolve("applied"));

        Path applied = target.resolve("data/disk.img");
        assertEquals(SIZE, Files.size(applied));
        assertEquals(sha256(sparse), sha256(applied));
        assertTrue(allocated(applied) < (1L << 20), "unpacked sparse: " + allocated(applied));
    }

    /** What GNU tar itself writes (tar --sparse --format=posix) is read by jbuild the same way. */
    @Test
    void aLayerGnuTarWroteSparseIsReadToo() throws Exception {
        Path gnuTar = dir.resolve("gnu.tar");
        run(dir.resolve("tree"), "tar", "--sparse", "--format=posix", "--numeric-owner", "-cf", gnuTar.toString(), "data");
        Path target = apply(gnuTar, dir.resolve("from-gnu"));

        assertEquals(sha256(sparse), sha256(target.resolve("data/disk.img")));
        assertTrue(allocated(target.resolve("data/disk.img")) < (1L << 20));
    }

    @Test
    void copyingKeepsTheHoles() throws Exception {
        Path copy = dir.resolve("copy.img");

        SparseFiles.copy(sparse, copy);

        assertEquals(sha256(sparse), sha256(copy));
        assertTrue(allocated(copy) < (1L << 20), "copied sparse: " + allocated(copy));
    }

    /** A dense file of any size is written as it always was: same bytes as before sparse files were kept. */
    @Test
    void aDenseFileIsAnOrdinaryEntry() throws IOException {
        Path dense = tree.resolve("dense.bin");
        Files.write(dense, new byte[3 << 20]);
        Files.delete(sparse);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerWriter.of(WriterOptions.defaults()).writeDirectory(dir.resolve("tree"), out);

        assertTrue(out.size() > 3 << 20);
        assertEquals(-1, new String(out.toByteArray(), StandardCharsets.ISO_8859_1).indexOf("GNU.sparse"));
    }
}
