package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * AES-256-CTR with HMAC-SHA256 as ocicrypt defines it: what is encrypted decrypts, and a ciphertext
 * altered after encryption fails at its end, even when whoever altered it also fixed up its digest
 * (which the archive's own checks would otherwise catch first).
 */
class LayerCipherTest {
    private static final byte[] KEY = LayerCipher.randomBytes(32);
    private static final byte[] NONCE = LayerCipher.randomBytes(16);

    private static byte[] encrypt(byte[] plain, byte[][] hmac) throws IOException {
        LayerCipher.Encrypting encrypting = LayerCipher.encrypting(new ByteArrayInputStream(plain), KEY, NONCE);
        byte[] ciphertext = encrypting.readAllBytes();
        hmac[0] = encrypting.hmac();
        return ciphertext;
    }

    @Test
    void whatIsEncryptedDecryptsAndLooksNothingLikeThePlaintext() throws IOException {
        byte[] plain = new byte[100_000];
        Arrays.fill(plain, (byte) 'a');
        byte[][] hmac = new byte[1][];
        byte[] ciphertext = encrypt(plain, hmac);
        assertEquals(plain.length, ciphertext.length);
        assertFalse(Arrays.equals(plain, ciphertext));
        assertArrayEquals(plain, LayerCipher.decrypting(new ByteArrayInputStream(ciphertext), KEY, NONCE, hmac[0],
                "layer").readAllBytes());
    }

    @Test
    void anAlteredCiphertextFailsAtItsEndWithOneLine() throws IOException {
        byte[][] hmac = new byte[1][];
        byte[] ciphertext = encrypt("secret layer".getBytes(), hmac);
        ciphertext[3] ^= 1;
        EncryptionException error = assertThrows(EncryptionException.class, () -> LayerCipher.decrypting(
                new ByteArrayInputStream(ciphertext), KEY, NONCE, hmac[0], "layer sha256:x").readAllBytes());
        assertEquals("layer sha256:x was altered after it was encrypted (its HMAC does not match)", error.getMessage());
    }
}
