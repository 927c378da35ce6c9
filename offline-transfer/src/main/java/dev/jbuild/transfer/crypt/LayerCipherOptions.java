package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ocicrypt's layer block cipher options. The private half ({@code symkey}, {@code cipheroptions.nonce},
 * {@code digest} of the plaintext layer) is what the key wrappers encrypt for each recipient; the public
 * half ({@code cipher}, {@code hmac}) rides in the {@code enc.pubopts} annotation. Byte values are
 * base64, as Go's JSON encoding writes {@code []byte}.
 */
record LayerCipherOptions(byte[] symmetricKey, byte[] nonce, Digest plainDigest, byte[] hmac) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder DECODE = Base64.getDecoder();

    byte[] privateJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("symkey", B64.encodeToString(symmetricKey));
        root.put("digest", plainDigest.value());
        root.putObject("cipheroptions").put("nonce", B64.encodeToString(nonce));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] publicJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("cipher", EncryptionAnnotations.CIPHER);
        root.put("hmac", B64.encodeToString(hmac));
        root.putObject("cipheroptions");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The private options a key unwrapped, with the HMAC of the public options. */
    static LayerCipherOptions parse(byte[] privateJson, byte[] publicJson) {
        try {
            JsonNode priv = JSON.readTree(privateJson);
            JsonNode pub = JSON.readTree(publicJson);
            String cipher = pub.path("cipher").asText(EncryptionAnnotations.CIPHER);
            if (!cipher.isEmpty() && !cipher.equals(EncryptionAnnotations.CIPHER)) {
                throw new EncryptionException("layer cipher " + cipher + " is not supported (only "
                        + EncryptionAnnotations.CIPHER + ")");
            }
            byte[] key = DECODE.decode(priv.path("symkey").asText(""));
            byte[] nonce = DECODE.decode(priv.path("cipheroptions").path("nonce").asText(""));
            byte[] hmac = DECODE.decode(pub.path("hmac").asText(""));
            if (key.length != 32 || nonce.length != 16 || hmac.length == 0) {
                throw new EncryptionException("the layer's encryption options are incomplete");
            }
            return new LayerCipherOptions(key, nonce, Digest.parse(priv.path("digest").asText()), hmac);
        } catch (IOException | IllegalArgumentException e) {
            throw new EncryptionException("the layer's encryption options are unreadable: " + e.getMessage(), e);
        }
    }
}
