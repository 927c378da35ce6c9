package dev.jbuild.transfer.crypt;

import dev.jbuild.transfer.EncryptionException;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWEObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;

/**
 * ocicrypt's {@code jwe} scheme: the options are a JWE (A256GCM content encryption) for an RSA key
 * (RSA-OAEP) or an EC key (ECDH-ES+A256KW), written by nimbus-jose-jwt. Written in the compact
 * serialization; read in it or the JSON one (what go-jose, and so skopeo, writes).
 */
record JweRecipient(PublicKey key) implements Recipient {
    static JweRecipient read(Path file) throws IOException {
        PublicKey key = PemFiles.publicKey(file);
        if (!(key instanceof RSAPublicKey) && !(key instanceof ECPublicKey)) {
            throw new EncryptionException(file + " holds a " + key.getAlgorithm() + " key; JWE needs RSA or EC");
        }
        return new JweRecipient(key);
    }

    @Override
    public String annotation() {
        return EncryptionAnnotations.KEYS_JWE;
    }

    @Override
    public byte[] wrap(byte[] privateOptions) {
        try {
            JWEObject jwe;
            if (key instanceof RSAPublicKey rsa) {
                jwe = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP, EncryptionMethod.A256GCM),
                        new Payload(privateOptions));
                jwe.encrypt(new RSAEncrypter(rsa));
            } else {
                jwe = new JWEObject(new JWEHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM),
                        new Payload(privateOptions));
                jwe.encrypt(new ECDHEncrypter((ECPublicKey) key));
            }
            return jwe.serialize().getBytes(StandardCharsets.US_ASCII);
        } catch (JOSEException e) {
            throw new EncryptionException("JWE key wrapping failed: " + e.getMessage(), e);
        }
    }

    /** The options a JWE holds, if {@code key} can open it; null if it cannot. */
    static byte[] unwrap(byte[] wrapped, PrivateKey key) {
        try {
            JWEDecrypter decrypter = key instanceof ECPrivateKey ec ? new ECDHDecrypter(ec) : new RSADecrypter(key);
            String text = new String(wrapped, StandardCharsets.UTF_8).trim();
            if (text.startsWith("{")) {
                JWEObjectJSON json = JWEObjectJSON.parse(text);
                json.decrypt(decrypter);
                return json.getPayload().toBytes();
            }
            JWEObject jwe = JWEObject.parse(text);
            jwe.decrypt(decrypter);
            return jwe.getPayload().toBytes();
        } catch (JOSEException | ParseException | IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }
}
