package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackgroundSha256Test {

    /**
     * Sizes around the switch from hashing in line to hashing on the second thread (or staying in line,
     * with a digest fast enough), in odd chunk sizes.
     */
    @ParameterizedTest(name = "{0} bytes in chunks of {1}, fast digest {2}")
    @CsvSource({"0, 1, false", "1, 1, false", "65536, 4096, false", "1048575, 65536, false",
        "1048576, 65536, false", "1048577, 65536, false", "1048577, 1048577, false", "10000000, 65536, false",
        "10000000, 7777, false", "1048577, 65536, true", "10000000, 7777, true"})
    void givesTheDigestOfTheWholeStream(int size, int chunk, boolean fast) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        BackgroundSha256 hash = new BackgroundSha256(() -> fast);
        for (int offset = 0; offset < size; offset += chunk) {
            hash.update(data, offset, Math.min(chunk, size - offset));
        }
        assertEquals(Digest.of(data), hash.finish());
    }

    @Test
    void aChunkReusedByTheWriterIsHashedAsItWasWhenWritten() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] all = new byte[40 * buffer.length];
        BackgroundSha256 hash = new BackgroundSha256(() -> false);
        for (int i = 0; i < 40; i++) {
            Arrays.fill(buffer, (byte) i);
            System.arraycopy(buffer, 0, all, i * buffer.length, buffer.length);
            hash.update(buffer, 0, buffer.length);
        }
        assertEquals(Digest.of(all), hash.finish());
    }

    @Test
    void abandoningStopsTheHasherThread() throws Exception {
        BackgroundSha256 hash = new BackgroundSha256(() -> false);
        byte[] data = new byte[BackgroundSha256.INLINE_BYTES + 1];
        hash.update(data, 0, data.length);
        assertTrue(hasherRunning(), "a stream past the in-line limit is hashed on its own thread");
        hash.abandon();
        for (int i = 0; i < 100 && hasherRunning(); i++) {
            Thread.sleep(10);
        }
        assertFalse(hasherRunning());
    }

    @Test
    void aDigestBackedByLibcryptoStaysInLine() throws Exception {
        assumeTrue(dev.jbuild.platform.Sha256.usesOpenSsl(), "no libcrypto 3 here");
        BackgroundSha256 hash = new BackgroundSha256();
        byte[] data = new byte[2 * BackgroundSha256.INLINE_BYTES];
        hash.update(data, 0, data.length);
        assertFalse(hasherRunning(), "no second thread, no copies");
        assertEquals(Digest.of(data), hash.finish());
    }

    private static boolean hasherRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("jbuild-sha256") && t.isAlive());
    }
}
