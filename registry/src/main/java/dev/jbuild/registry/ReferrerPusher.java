package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.ArtifactManifest;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes the artifacts that refer to an image (its SBOM) as OCI 1.1 referrers of the manifest just
 * pushed. A registry with the referrers API indexes them itself (it answers {@code OCI-Subject}); for
 * one without it, such as Docker's registry 2.8, the referrers tag schema of the distribution spec is
 * kept by hand: an OCI index under the tag {@code sha256-<subject hex>} lists every referrer.
 */
final class ReferrerPusher {
    private final ImageStore store;
    private final BlobPusher blobs;
    private final TransferListener listener;

    ReferrerPusher(ImageStore store, BlobPusher blobs, TransferListener listener) {
        this.store = store;
        this.blobs = blobs;
        this.listener = listener;
    }

    /**
     * @param subject the image manifest as pushed; when it is not the stored one (layers compressed for
     *     the push), each artifact is re-pointed at it
     * @return how many artifacts were pushed
     */
    int push(RegistryClient client, String repository, ImageRecord image, Descriptor subject, long chunkSize)
            throws IOException {
        List<ArtifactManifest> artifacts = store.referrers().of(image.manifestDigest());
        for (ArtifactManifest stored : artifacts) {
            ArtifactManifest artifact = new ArtifactManifest(stored.artifactType(), stored.layers(), subject,
                    stored.annotations());
            List<Descriptor> parts = new ArrayList<>(artifact.layers());
            parts.add(ArtifactManifest.EMPTY_DESCRIPTOR);
            blobs.pushAll(client, repository, parts, chunkSize);
            byte[] bytes = artifact.toJson();
            Descriptor manifest = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(bytes), bytes.length);
            String where;
            if (client.putManifestWithSubject(repository, MediaTypes.OCI_MANIFEST, bytes)) {
                where = "the registry's referrers API";
            } else {
                where = "the referrers tag " + addToReferrersTag(client, repository, subject.digest(), manifest, artifact);
            }
            listener.on(new TransferEvent.Notice(artifact.artifactType() + " " + manifest.digest().shortId()
                    + ": pushed as a referrer of " + subject.digest() + " (listed in " + where + ")"));
        }
        return artifacts.size();
    }

    /** The distribution spec's fallback: fetch the tag's index (or start one), add the entry once, put it back. */
    private static String addToReferrersTag(RegistryClient client, String repository, Digest subject,
                                            Descriptor manifest, ArtifactManifest artifact) throws IOException {
        String tag = subject.algorithm() + "-" + subject.hex();
        ObjectNode index;
        try {
            JsonNode current = CanonicalJson.parse(client.manifest(repository, tag).bytes());
            index = current instanceof ObjectNode object ? object : emptyIndex();
        } catch (NotFoundInRegistryException e) {
            index = emptyIndex();
        }
        ArrayNode manifests = index.withArray("manifests");
        for (JsonNode entry : manifests) {
            if (entry.path("digest").asText("").equals(manifest.digest().value())) {
                return tag; // listed already: a push of the same image again
            }
        }
        ObjectNode entry = manifest.toJson();
        entry.put("artifactType", artifact.artifactType());
        if (!artifact.annotations().isEmpty()) {
            ObjectNode annotations = entry.putObject("annotations");
            artifact.annotations().forEach(annotations::put);
        }
        manifests.add(entry);
        client.putManifest(repository, tag, MediaTypes.OCI_INDEX, CanonicalJson.bytes(index));
        return tag;
    }

    private static ObjectNode emptyIndex() {
        ObjectNode index = CanonicalJson.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests");
        return index;
    }
}
