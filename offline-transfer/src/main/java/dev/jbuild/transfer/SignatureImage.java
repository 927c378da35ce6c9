package dev.jbuild.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * cosign's signature image for one saved image: an OCI manifest whose layers are simple-signing
 * payloads naming the image's manifest digest, each with its signature in an annotation, and a
 * config in the shape cosign (go-containerregistry) gives it. One payload per repository the image is
 * saved under, so that loading can check every tag's name against a signed statement; one with an
 * empty reference for an untagged image.
 */
final class SignatureImage {
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private SignatureImage() {
    }

    /** Adds the payloads, config and manifest to {@code entries}; returns the index entry naming it. */
    static Descriptor add(SavedImage image, PrivateKey key, ArchiveEntries entries) {
        TreeSet<String> repositories = new TreeSet<>();
        image.tags().forEach(tag -> repositories.add(tag.name()));
        if (repositories.isEmpty()) {
            repositories.add("");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (String repository : repositories) {
            byte[] payload = new SimpleSigningPayload(repository, image.manifest().digest()).toJson();
            Digest digest = entries.addBlob(payload);
            layers.add(new Descriptor(SimpleSigningPayload.MEDIA_TYPE, digest, payload.length,
                    Map.of(Signatures.SIGNATURE_ANNOTATION, Signatures.sign(payload, key)), null));
        }
        byte[] config = config(layers);
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, entries.addBlob(config), config.length);
        byte[] manifest = Manifest.oci(configDescriptor, layers).toJson();
        Digest manifestDigest = entries.addBlob(manifest);
        String tag = Signatures.tagFor(image.manifest().digest());
        Map<String, String> annotations = image.tags().isEmpty()
                ? Map.of(Index.REF_NAME, tag)
                : Map.of(Index.REF_NAME, tag, ArchiveNames.IMAGE_NAME_ANNOTATION,
                        image.tags().get(0).repository().withTag(tag).toString());
        return new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length, annotations, null);
    }

    private static byte[] config(List<Descriptor> layers) {
        ObjectNode root = CanonicalJson.object();
        root.put("architecture", "");
        root.put("created", ZERO_TIME);
        ArrayNode history = root.putArray("history");
        ArrayNode diffIds = CanonicalJson.object().arrayNode();
        for (Descriptor layer : layers) {
            history.addObject().put("created", ZERO_TIME);
            diffIds.add(layer.digest().value());
        }
        root.put("os", "");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", diffIds);
        root.putObject("config");
        return CanonicalJson.bytes(root);
    }

    /** Whether an index entry is a signature image rather than an image to load. */
    static Digest signedManifest(Descriptor entry) {
        Digest byRefName = Signatures.signedDigest(entry.annotations().get(Index.REF_NAME));
        if (byRefName != null) {
            return byRefName;
        }
        String name = entry.annotations().get(ArchiveNames.IMAGE_NAME_ANNOTATION);
        if (name != null) {
            try {
                return Signatures.signedDigest(Reference.parseNormalized(name).tag());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
