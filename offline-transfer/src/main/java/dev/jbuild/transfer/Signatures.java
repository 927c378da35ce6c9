package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cosign's conventions for a signature stored next to the image: the tag {@code sha256-<hex>.sig}
 * names the signature manifest of the manifest {@code sha256:<hex>}; each layer of it is a payload
 * whose ECDSA-SHA256 signature (ASN.1 DER, base64) is in the {@code dev.cosignproject.cosign/signature}
 * annotation.
 *
 * <p>Signing is deterministic (RFC 6979 nonces), so saving the same images with the same key gives
 * the same archive; verification is ordinary ECDSA and accepts any valid signature.
 */
final class Signatures {
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    private static final Pattern TAG = Pattern.compile("sha256-([0-9a-f]{64})\\.sig");

    private Signatures() {
    }

    /** {@code sha256-<hex>.sig}, the tag of the signatures of the manifest {@code digest}. */
    static String tagFor(Digest digest) {
        return digest.algorithm() + "-" + digest.hex() + ".sig";
    }

    /** The manifest digest a signature tag stands for, or null when {@code tag} is not one. */
    static Digest signedDigest(String tag) {
        if (tag == null) {
            return null;
        }
        Matcher m = TAG.matcher(tag);
        return m.matches() ? Digest.ofHex(m.group(1)) : null;
    }

    static String sign(byte[] payload, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDDSA", SigningKeys.PROVIDER);
            signer.initSign(key);
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code base64} is a valid signature of {@code payload} by the holder of {@code key}. */
    static boolean verify(byte[] payload, String base64, PublicKey key) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA", SigningKeys.PROVIDER);
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(der);
        } catch (java.security.SignatureException e) {
            return false; // not a DER signature at all
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("signature verification failed: " + e.getMessage(), e);
        }
    }
}
