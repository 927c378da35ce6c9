package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.StagedBlob;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an image of an archive against a public key. It is verified when the archive holds a
 * cosign signature image for its exact manifest digest with a payload that names that digest and
 * carries a valid signature by the key, and when every tag it is loaded under belongs to a
 * repository some such payload names (so that tags cannot be moved between signed images). The
 * manifest digest covers the config and every layer, so any change to the image after signing
 * makes it unsigned.
 */
final class SignatureCheck {
    /** A payload larger than this is not a simple-signing statement. */
    private static final int MAX_PAYLOAD = 1 << 20;

    private final StagedArchive archive;
    private final Map<Digest, Descriptor> signatures;
    private final PublicKey key;

    SignatureCheck(StagedArchive archive, Map<Digest, Descriptor> signatures, PublicKey key) {
        this.archive = archive;
        this.signatures = signatures;
        this.key = key;
    }

    SignatureVerdict check(ImageCandidate image) throws IOException {
        Digest manifestDigest = image.manifest().digest();
        String name = image.displayName();
        if (!image.manifestFromArchive()) {
            return new SignatureVerdict(name, manifestDigest, "not signed (the archive has no OCI manifest for it)");
        }
        Descriptor entry = signatures.get(manifestDigest);
        if (entry == null) {
            return new SignatureVerdict(name, manifestDigest, "not signed");
        }
        Set<String> signedReferences = new LinkedHashSet<>();
        List<String> otherDigests = new ArrayList<>();
        boolean anySignature = false;
        try {
            Manifest signatureManifest = Manifest.parse(StagedArchive.read(blob(entry), "signature manifest"));
            for (Descriptor layer : signatureManifest.layers()) {
                String signature = layer.annotations().get(Signatures.SIGNATURE_ANNOTATION);
                if (!SimpleSigningPayload.MEDIA_TYPE.equals(layer.mediaType()) || signature == null) {
                    continue;
                }
                anySignature = true;
                StagedBlob payloadBlob = blob(layer);
                if (payloadBlob.size() > MAX_PAYLOAD) {
                    continue;
                }
                byte[] payload = StagedArchive.read(payloadBlob, "signature payload");
                if (!Signatures.verify(payload, signature, key)) {
                    continue;
                }
                SimpleSigningPayload statement = SimpleSigningPayload.parse(payload);
                if (statement.manifestDigest().equals(manifestDigest)) {
                    signedReferences.add(repository(statement.dockerReference()));
                } else {
                    otherDigests.add(statement.manifestDigest().value());
                }
            }
        } catch (StoreException | TransferException | ImageSpecException e) {
            return new SignatureVerdict(name, manifestDigest, "its signature is unreadable: " + e.getMessage());
        }
        if (signedReferences.isEmpty()) {
            String problem = !otherDigests.isEmpty()
                    ? "its signature is for another manifest (" + otherDigests.get(0) + ")"
                    : anySignature ? "signature does not match the key (signed by another key, or altered after signing)"
                    : "not signed (its signature image holds no signature)";
            return new SignatureVerdict(name, manifestDigest, problem);
        }
        for (Reference tag : image.tags()) {
            if (!signedReferences.contains(tag.name())) {
                return new SignatureVerdict(name, manifestDigest, "the tag " + tag.familiarString()
                        + " is not covered by its signature (signed for " + String.join(", ", signedReferences)
                        + ")");
            }
        }
        return new SignatureVerdict(name, manifestDigest, null);
    }

    /** cosign writes Docker Hub as {@code index.docker.io}; compare repositories in normalized form. */
    private static String repository(String dockerReference) {
        if (dockerReference.isEmpty()) {
            return "";
        }
        try {
            return Reference.parseNormalized(dockerReference).name();
        } catch (StoreException | ImageSpecException e) {
            return dockerReference;
        }
    }

    private StagedBlob blob(Descriptor descriptor) {
        StagedBlob blob = archive.blob(descriptor.digest(), "signature blob", null);
        if (blob.size() != descriptor.size()) {
            throw new InvalidArchiveException("signature blob " + descriptor.digest() + " has " + blob.size()
                    + " bytes, not the " + descriptor.size() + " its manifest announces");
        }
        return blob;
    }
}
