package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;

/** What a document fetched from {@code /manifests/} is: an index, an image manifest, or something else. */
final class ManifestKinds {
    static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    enum Kind { INDEX, IMAGE, ARTIFACT, SCHEMA1 }

    /** The kind and the document's own media type (or the Content-Type when it names none). */
    record Classified(Kind kind, String mediaType, String artifactType) {
    }

    private ManifestKinds() {
    }

    static Classified classify(byte[] bytes, String contentType) {
        JsonNode doc;
        try {
            doc = JsonTrees.read(bytes);
        } catch (IOException e) {
            throw new RegistryProtocolException("the registry sent a manifest that is not JSON", 0);
        }
        if (doc == null || !doc.isObject()) {
            throw new RegistryProtocolException("the registry sent a manifest that is not a JSON object", 0);
        }
        String mediaType = doc.path("mediaType").asText("");
        if (mediaType.isEmpty()) {
            mediaType = contentType == null ? "" : contentType;
        }
        if (doc.path("schemaVersion").asInt(0) == 1 || mediaType.equals(DOCKER_SCHEMA1)
                || mediaType.equals(DOCKER_SCHEMA1_SIGNED)) {
            return new Classified(Kind.SCHEMA1, mediaType, "");
        }
        if (MediaTypes.isIndex(mediaType) || (!doc.has("config") && doc.has("manifests"))) {
            return new Classified(Kind.INDEX, mediaType.isEmpty() ? MediaTypes.OCI_INDEX : mediaType, "");
        }
        String configType = doc.path("config").path("mediaType").asText("");
        String artifactType = doc.path("artifactType").asText("");
        boolean imageConfig = configType.equals(MediaTypes.OCI_CONFIG) || configType.equals(MediaTypes.DOCKER_CONFIG);
        if (!imageConfig || !artifactType.isEmpty()) {
            return new Classified(Kind.ARTIFACT, mediaType, artifactType.isEmpty() ? configType : artifactType);
        }
        return new Classified(Kind.IMAGE, mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType, "");
    }
}
