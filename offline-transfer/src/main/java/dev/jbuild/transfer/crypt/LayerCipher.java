package dev.jbuild.transfer.crypt;

import dev.jbuild.platform.InputStreams;
import dev.jbuild.transfer.EncryptionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ocicrypt's AES_256_CTR_HMAC_SHA256 on a stream: AES-256 in counter mode with a random 32-byte key
 * and 16-byte nonce, then an HMAC-SHA256 (keyed with the same key) over the ciphertext. Decryption
 * checks the HMAC when the stream ends and fails there, so a reader that consumes the whole stream
 * (and only then commits what it read) never keeps altered data.
 */
final class LayerCipher {
    private static final SecureRandom RANDOM = new SecureRandom();

    private LayerCipher() {
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Encrypts; the HMAC is ready once the stream is read to its end ({@link Encrypting#hmac()}). */
    static Encrypting encrypting(InputStream plain, byte[] key, byte[] nonce) {
        return new Encrypting(plain, key, nonce);
    }

    /** Decrypts, failing at the end of the stream when the ciphertext's HMAC is not {@code expectedHmac}. */
    static InputStream decrypting(InputStream encrypted, byte[] key, byte[] nonce, byte[] expectedHmac, String what) {
        return new Decrypting(encrypted, key, nonce, expectedHmac, what);
    }

    private static Cipher ctr(byte[] key, byte[] nonce, int mode) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(nonce));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is unavailable", e);
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** A stream that transforms blocks in place; a single byte is read as a block of one. */
    private abstract static class BlockStream extends FilterInputStream {
        BlockStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return InputStreams.readByte(this);
        }
    }

    /** Plaintext in, ciphertext out; the HMAC of everything read. */
    static final class Encrypting extends BlockStream {
        private final Cipher cipher;
        private final Mac mac;
        private byte[] result;

        Encrypting(InputStream plain, byte[] key, byte[] nonce) {
            super(plain);
            this.cipher = ctr(key, nonce, Cipher.ENCRYPT_MODE);
            this.mac = LayerCipher.hmac(key);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                if (result == null) {
                    result = mac.doFinal();
                }
                return -1;
            }
            if (n == 0) {
                return 0;
            }
            byte[] out = cipher.update(b, off, n);
            System.arraycopy(out, 0, b, off, n); // CTR: as many bytes out as in
            mac.update(b, off, n);
            return n;
        }

        byte[] hmac() {
            if (result == null) {
                throw new IllegalStateException("the layer was not read to its end");
            }
            return result.clone();
        }
    }

    private static final class Decrypting extends BlockStream {
        private final Cipher cipher;
        private final Mac mac;
        private final byte[] expected;
        private final String what;
        private boolean checked;

        Decrypting(InputStream encrypted, byte[] key, byte[] nonce, byte[] expected, String what) {
            super(encrypted);
            this.cipher = ctr(key, nonce, Cipher.DECRYPT_MODE);
            this.mac = LayerCipher.hmac(key);
            this.expected = expected.clone();
            this.what = what;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                if (!checked) {
                    checked = true;
                    if (!MessageDigest.isEqual(mac.doFinal(), expected)) {
                        throw new EncryptionException(what + " was altered after it was encrypted (its HMAC does "
                                + "not match)");
                    }
                }
                return -1;
            }
            if (n == 0) {
                return 0;
            }
            mac.update(b, off, n);
            byte[] out = cipher.update(b, off, n);
            System.arraycopy(out, 0, b, off, n);
            return n;
        }
    }
}
