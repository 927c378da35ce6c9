package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts and decrypts layers as ocicrypt does: a fresh key and nonce per layer, the ciphertext under
 * the layer's media type plus {@code +encrypted}, the key wrapped for every recipient in the
 * {@code org.opencontainers.image.enc.keys.*} annotations (base64, several joined by commas), the HMAC
 * in {@code org.opencontainers.image.enc.pubopts}. The config is left as it is, so the image ID and
 * the diff IDs stay readable.
 */
public final class LayerEncryption {
    private LayerEncryption() {
    }

    /** What encrypting one layer gave: the encrypted descriptor (digest and size of what was written). */
    public interface Sink {
        /** Writes the ciphertext somewhere; returns its digest and size once the stream is read to its end. */
        Descriptor write(String mediaType, InputStream ciphertext) throws IOException;
    }

    /**
     * @param plain the layer as it would be written unencrypted
     * @param layer its descriptor (media type, digest of the plaintext)
     * @return the encrypted layer's descriptor, with the annotations a reader needs
     */
    public static Descriptor encrypt(InputStream plain, Descriptor layer, List<Recipient> recipients, Sink sink)
            throws IOException {
        byte[] key = LayerCipher.randomBytes(32);
        byte[] nonce = LayerCipher.randomBytes(16);
        LayerCipher.Encrypting ciphertext = LayerCipher.encrypting(plain, key, nonce);
        Descriptor written = sink.write(layer.mediaType() + EncryptionAnnotations.MEDIA_TYPE_SUFFIX, ciphertext);
        LayerCipherOptions options = new LayerCipherOptions(key, nonce, layer.digest(), ciphertext.hmac());
        byte[] privateOptions = options.privateJson();
        Map<String, String> annotations = new LinkedHashMap<>(layer.annotations());
        for (Recipient recipient : recipients) {
            String wrapped = Base64.getEncoder().encodeToString(recipient.wrap(privateOptions));
            annotations.merge(recipient.annotation(), wrapped, (a, b) -> a + "," + b);
        }
        annotations.put(EncryptionAnnotations.PUBOPTS, Base64.getEncoder().encodeToString(options.publicJson()));
        return written.withAnnotations(annotations);
    }

    /**
     * {@link #encrypt} into {@code file}, its digest and size counted as it is written: for {@code save
     * --encrypt}, whose tar headers need sizes, and {@code push --encrypt}, which uploads from a file.
     */
    public static Descriptor encryptToFile(InputStream plain, Descriptor layer, List<Recipient> recipients,
                                           java.nio.file.Path file) throws IOException {
        return encrypt(plain, layer, recipients, (mediaType, ciphertext) -> {
            java.security.MessageDigest sha = dev.jbuild.platform.Sha256.newDigest();
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream target = java.nio.file.Files.newOutputStream(file)) {
                int n;
                while ((n = ciphertext.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    target.write(buffer, 0, n);
                    size += n;
                }
            }
            return new Descriptor(mediaType, Digest.finish(sha), size);
        });
    }

    /**
     * The plaintext of an encrypted layer, as a stream that fails at its end when the ciphertext was
     * altered, and the descriptor the plaintext must match (the caller checks its digest and size).
     */
    public record Opened(InputStream plaintext, Descriptor plain) {
    }

    /** Opens an encrypted layer with {@code key} (the plaintext's size is not known: 0 in the descriptor). */
    public static Opened open(InputStream encrypted, Descriptor layer, DecryptionKey key) {
        LayerCipherOptions options = options(layer, key);
        Map<String, String> annotations = new LinkedHashMap<>();
        layer.annotations().forEach((name, value) -> {
            if (!name.startsWith(EncryptionAnnotations.PREFIX)) {
                annotations.put(name, value);
            }
        });
        return new Opened(LayerCipher.decrypting(encrypted, options.symmetricKey(), options.nonce(), options.hmac(),
                "layer " + layer.digest()), new Descriptor(EncryptionAnnotations.plainMediaType(layer.mediaType()),
                options.plainDigest(), 0, annotations, null));
    }

    private static LayerCipherOptions options(Descriptor layer, DecryptionKey key) {
        byte[] privateOptions = key.unwrap(layer.annotations(), layer.digest().value());
        String pub = layer.annotations().get(EncryptionAnnotations.PUBOPTS);
        if (pub == null) {
            throw new EncryptionException("layer " + layer.digest() + " has no " + EncryptionAnnotations.PUBOPTS
                    + " annotation: its HMAC is unknown");
        }
        try {
            return LayerCipherOptions.parse(privateOptions, Base64.getDecoder().decode(pub));
        } catch (IllegalArgumentException e) {
            throw new EncryptionException("layer " + layer.digest() + " has an unreadable "
                    + EncryptionAnnotations.PUBOPTS + " annotation", e);
        }
    }
}
