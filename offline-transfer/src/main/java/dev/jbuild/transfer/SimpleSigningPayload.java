package dev.jbuild.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidDigestException;
import java.io.IOException;

/**
 * The "simple signing" payload of containers/image, as cosign uses it: the signed statement that the
 * manifest with this digest is an image of this repository.
 *
 * <pre>{"critical":{"identity":{"docker-reference":"…"},"image":{"docker-manifest-digest":"sha256:…"},
 * "type":"cosign container image signature"},"optional":null}</pre>
 *
 * @param dockerReference the repository, {@code docker.io/library/busybox}; empty for an untagged image
 */
record SimpleSigningPayload(String dockerReference, Digest manifestDigest) {
    static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String COSIGN_TYPE = "cosign container image signature";

    byte[] toJson() {
        ObjectNode identity = CanonicalJson.object();
        identity.put("docker-reference", dockerReference);
        ObjectNode image = CanonicalJson.object();
        image.put("docker-manifest-digest", manifestDigest.value());
        ObjectNode critical = CanonicalJson.object();
        critical.set("identity", identity);
        critical.set("image", image);
        critical.put("type", COSIGN_TYPE);
        ObjectNode root = CanonicalJson.object();
        root.set("critical", critical);
        root.set("optional", NullNode.getInstance());
        return CanonicalJson.bytes(root);
    }

    /**
     * Reads a payload; the keys are matched case-insensitively for {@code docker-manifest-digest},
     * as containers/image wrote {@code Docker-manifest-digest} in its examples.
     *
     * @throws InvalidArchiveException when it is not a cosign simple-signing payload
     */
    static SimpleSigningPayload parse(byte[] json) {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (IOException e) {
            throw new InvalidArchiveException("signature payload is not JSON: " + e.getMessage(), e);
        }
        JsonNode critical = root == null ? null : root.get("critical");
        if (critical == null || !critical.isObject()) {
            throw new InvalidArchiveException("signature payload has no 'critical' section");
        }
        if (!COSIGN_TYPE.equals(critical.path("type").asText(null))) {
            throw new InvalidArchiveException("signature payload is of type '" + critical.path("type").asText("")
                    + "', not '" + COSIGN_TYPE + "'");
        }
        String digest = null;
        JsonNode image = critical.path("image");
        for (var it = image.fields(); it.hasNext(); ) {
            var field = it.next();
            if (field.getKey().equalsIgnoreCase("docker-manifest-digest")) {
                digest = field.getValue().asText(null);
            }
        }
        try {
            return new SimpleSigningPayload(critical.path("identity").path("docker-reference").asText(""),
                    Digest.parse(digest));
        } catch (InvalidDigestException e) {
            throw new InvalidArchiveException("signature payload names no valid manifest digest: " + digest, e);
        }
    }
}
