package dev.jbuild.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.testing.InProcessCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GB sparse file in a build context: COPY keeps it sparse in the step's diff, the layer holds only its
 * data, a save and load into another store keep it so, and the file reads the same inside the image.
 */
class SparseFilesBuildTest {
    private static final long GIGABYTE = 1L << 30;

    @TempDir
    static Path root;

    private static InProcessCli.Result run(Path store, String... args) {
        return InProcessJbuild.run(store, args);
    }

    @BeforeAll
    static void importBusybox() throws IOException, InterruptedException {
        InProcessJbuild.importBusybox(root.resolve("store"), root);
    }

    /** Bytes the file system allocated under {@code dir}, as du counts them: holes are free. */
    private static long allocated(Path dir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, du.waitFor());
        return Long.parseLong(out.split("\\s")[0]) * 1024;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void aGigabyteSparseFileCostsItsDataNotItsSizeInTheStore() throws Exception {
        Path context = Files.createDirectories(root.resolve("ctx"));
        Path disk = context.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
            file.setLength(GIGABYTE);
            file.write("boot sector".getBytes(StandardCharsets.US_ASCII));
            file.seek(GIGABYTE / 2);
            file.write("half way".getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(context.resolve("Dockerfile"),
                "FROM busybox\nCOPY disk.img /data/disk.img\nRUN sha256sum /data/disk.img\n");
        Path store = root.resolve("store");
        long before = allocated(store);

        InProcessCli.Result built = run(store, "build", "--progress", "plain", "-t", "sparse:1", context.toString());

        assertEquals(0, built.exit(), built.err());
        assertTrue(built.err().contains(sha256(disk) + "  /data/disk.img"), built.err());
        long grown = allocated(store) - before;
        assertTrue(grown < 32L << 20, "the store grew by " + grown + " bytes for a file of " + GIGABYTE);

        Path archive = root.resolve("sparse.tar");
        assertEquals(0, run(store, "save", "-o", archive.toString(), "sparse:1").exit());
        assertTrue(Files.size(archive) < 32L << 20, "archive of " + Files.size(archive) + " bytes");
        Path other = root.resolve("other-store");
        InProcessCli.Result loaded = run(other, "load", "-i", archive.toString());
        assertEquals(0, loaded.exit(), loaded.err());
        assertTrue(allocated(other) < 32L << 20, "the loading store holds " + allocated(other) + " bytes");
    }
}
