package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The libcrypto-backed and adaptive digests against the JDK's, over sizes around every buffer edge. */
class Sha256Test {

    @Test
    void thisMachineHashesThroughLibcrypto() {
        // Debian and Ubuntu ship libcrypto 3 (libssl3) in every installation that has ca-certificates.
        assertTrue(Sha256.usesOpenSsl(), "libcrypto.so.3 could not be loaded");
        assertInstanceOf(OpenSslSha256.class, Sha256.newBulkDigest());
    }

    @Test
    void knownAnswers() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hex(Sha256.newBulkDigest(), ""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex(Sha256.newBulkDigest(), "abc"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex(Sha256.newDigest(), "abc"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 55, 56, 64, 8191, 8192, 8193, 65535, 65536, 65537, 1 << 20, (1 << 20) + 3})
    void everyDigestAgreesWithTheJdkWhateverTheUpdatePattern(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] expected = Sha256.newJdkDigest().digest(data);

        for (MessageDigest digest : new MessageDigest[] {Sha256.newBulkDigest(), Sha256.newDigest()}) {
            assertArrayEquals(expected, digest.digest(data), "one update");
            assertArrayEquals(expected, inPieces(digest, data, new Random(size * 31L)), "mixed updates");
            assertArrayEquals(expected, inPieces(digest, data, new Random(size * 31L)), "again after digest()");
        }
    }

    @Test
    void resetForgetsWhatWasHashed() {
        for (MessageDigest digest : new MessageDigest[] {Sha256.newBulkDigest(), Sha256.newDigest()}) {
            digest.update(new byte[100_000]);
            digest.reset();
            digest.update("abc".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    HexFormat.of().formatHex(digest.digest()));
        }
    }

    @Test
    void byteBuffersAndSingleBytesAreHashedToo() {
        byte[] data = new byte[70_000];
        new Random(7).nextBytes(data);
        MessageDigest digest = Sha256.newDigest();
        digest.update(data[0]);
        digest.update(ByteBuffer.wrap(data, 1, data.length - 2));
        digest.update(data[data.length - 1]);

        assertArrayEquals(Sha256.newJdkDigest().digest(data), digest.digest());
    }

    @Test
    void digestsSharingNativeStateCannotBeCloned() {
        assertThrows(CloneNotSupportedException.class, () -> Sha256.newBulkDigest().clone());
        assertThrows(CloneNotSupportedException.class, () -> Sha256.newDigest().clone());
    }

    /** Random-sized updates from single bytes to 200 KB, in order. */
    private static byte[] inPieces(MessageDigest digest, byte[] data, Random random) {
        int offset = 0;
        while (offset < data.length) {
            int kind = random.nextInt(4);
            int length = Math.min(data.length - offset, switch (kind) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(600);
                case 2 -> 1 + random.nextInt(20_000);
                default -> 1 + random.nextInt(200_000);
            });
            if (length == 1) {
                digest.update(data[offset]);
            } else {
                digest.update(data, offset, length);
            }
            offset += length;
        }
        return digest.digest();
    }

    private static String hex(MessageDigest digest, String text) {
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
