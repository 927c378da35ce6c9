package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
    @TempDir
    Path scratch;

    /** Text-like and random data over several blocks, ending in a partial one. */
    private static byte[] sample(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (i / 4096) % 3 == 0 ? (byte) random.nextInt() : (byte) ('a' + (i * 7 + i / 100) % 23);
        }
        return data;
    }

    private static byte[] gzip(byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out)) {
            for (int off = 0; off < data.length; off += chunk) {
                gzip.write(data, off, Math.min(chunk, data.length - off));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void severalBlocksDecompressToTheInput() throws IOException {
        byte[] data = sample(3 * ParallelGzipOutputStream.BLOCK_SIZE + 12345, 1);
        byte[] gz = gzip(data, 70000);
        assertArrayEquals(data, gunzip(gz));
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
    }

    @Test
    void outputDependsOnlyOnTheInputNotOnHowItWasWritten() throws IOException {
        byte[] data = sample(2 * ParallelGzipOutputStream.BLOCK_SIZE + 5, 2);
        assertArrayEquals(gzip(data, 1 << 16), gzip(data, 777));
    }

    @Test
    void exactMultipleOfTheBlockSizeAndEmptyInputAreValid() throws IOException {
        byte[] data = sample(2 * ParallelGzipOutputStream.BLOCK_SIZE, 3);
        assertArrayEquals(data, gunzip(gzip(data, 1 << 16)));
        assertArrayEquals(new byte[0], gunzip(gzip(new byte[0], 1)));
    }

    @Test
    void gnuGzipReadsItAndChecksTheCrc() throws Exception {
        byte[] data = sample(ParallelGzipOutputStream.BLOCK_SIZE + 999, 4);
        Path file = scratch.resolve("data.gz");
        Files.write(file, gzip(data, 4096));
        Trees.run(scratch, "gzip", "-t", file.toString());
        Trees.run(scratch, "gzip", "-d", file.toString());
        assertArrayEquals(data, Files.readAllBytes(scratch.resolve("data")));
    }
}
