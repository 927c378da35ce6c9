package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blob files written around the page cache: every byte there, nothing more, and not cached. */
class DirectOutputTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4096, 65_537, MIB - 1, MIB, MIB + 1, 3 * MIB + 12_345})
    void writesExactlyTheBytesGivenWhateverTheirLength(int length) throws IOException {
        byte[] data = randomBytes(length);
        Path file = dir.resolve("blob");
        try (DirectOutput out = new DirectOutput(file)) {
            // uneven pieces, as a tar writer hands them over
            int at = 0;
            int piece = 1;
            while (at < length) {
                int n = Math.min(piece, length - at);
                out.write(data, at, n);
                at += n;
                piece = piece * 3 + 7;
            }
            out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, MIB - 1, MIB, MIB + 1, 3 * MIB + 12_345})
    void withoutDirectIoTheSameBytesGoThroughThePageCache(int length) throws Exception {
        byte[] data = randomBytes(length);
        Path file = dir.resolve("buffered");
        try (DirectOutput out = new DirectOutput(file, false)) {
            out.write(data, 0, data.length);
            out.finish();
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        if (length >= MIB && Files.isExecutable(Path.of("/usr/bin/fincore"))) {
            assertTrue(residentBytes(file) >= length, "written through the page cache");
        }
    }

    @Test
    void aStagedFileClosedWithoutFinishHasAllItsBytes() throws IOException {
        byte[] data = randomBytes(2 * MIB + 100);
        Path file = dir.resolve("staged");
        try (DirectOutput out = new DirectOutput(file)) {
            out.write(data, 0, data.length);
        }
        assertArrayEquals(data, Files.readAllBytes(file));
    }

    @Test
    void aLargeBlobDoesNotLandInThePageCache() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fincore")), "fincore (util-linux) is not installed");
        byte[] data = randomBytes(8 * MIB + 1);
        Descriptor stored;
        try (ImageStore store = ImageStore.open(dir.resolve("store"))) {
            stored = store.blobs().put(new ByteArrayInputStream(data), "application/octet-stream");
        }
        Path blob = dir.resolve("store/blobs/sha256/" + stored.digest().hex());
        assertEquals(data.length, Files.size(blob));
        long cached = residentBytes(blob);
        assertTrue(cached < MIB, "a direct write should leave (almost) nothing cached, found " + cached + " bytes");

        // the ordinary path for small blobs: those are read back soon (JSON) and go through the cache
        Path small = dir.resolve("small");
        try (DirectOutput out = new DirectOutput(small)) {
            out.write(data, 0, 100_000);
            out.finish();
        }
        assertTrue(residentBytes(small) >= 100_000, "a small blob goes through the page cache");
    }

    @Test
    void aBlobWrittenDirectReadsBackVerified() throws IOException {
        byte[] data = randomBytes(5 * MIB + 3);
        try (ImageStore store = ImageStore.open(dir.resolve("store"))) {
            Descriptor stored = store.blobs().put(new ByteArrayInputStream(data), "application/octet-stream");
            assertEquals(Digest.of(data), stored.digest());
            try (InputStream in = store.blobs().open(stored)) {
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    private static long residentBytes(Path file) throws IOException, InterruptedException {
        Process fincore = new ProcessBuilder("/usr/bin/fincore", "--bytes", "--noheadings", "--raw", "-o", "RES",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(fincore.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(fincore.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, fincore.exitValue(), out);
        return Long.parseLong(out);
    }

    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }
}
