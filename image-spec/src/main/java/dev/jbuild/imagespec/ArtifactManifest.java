package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI 1.1 artifact manifest: an image manifest whose {@code artifactType} says what it carries (an
 * SBOM, a signature), whose config is the empty descriptor, and whose {@code subject} names the image it
 * refers to, so that registries list it as a referrer of that image.
 */
public record ArtifactManifest(String artifactType, List<Descriptor> layers, Descriptor subject,
                               Map<String, String> annotations) {
    /** The content of the empty config blob, {@code {}}. */
    public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.US_ASCII);
    public static final Descriptor EMPTY_DESCRIPTOR = new Descriptor(MediaTypes.OCI_EMPTY, Digest.of(EMPTY_CONFIG),
            EMPTY_CONFIG.length);

    public ArtifactManifest {
        Objects.requireNonNull(artifactType, "artifactType");
        Objects.requireNonNull(subject, "subject");
        layers = List.copyOf(layers);
        annotations = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(annotations));
    }

    public byte[] toJson() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("schemaVersion", 2);
        obj.put("mediaType", MediaTypes.OCI_MANIFEST);
        obj.put("artifactType", artifactType);
        obj.set("config", EMPTY_DESCRIPTOR.toJson());
        Descriptor.putList(obj, "layers", layers);
        obj.set("subject", subject.toJson());
        JsonFields.putStringMap(obj, "annotations", annotations);
        return CanonicalJson.bytes(obj);
    }

    /** The artifact a manifest is, or null when it is an ordinary image manifest (no subject). */
    public static ArtifactManifest parseOrNull(byte[] json) {
        JsonNode obj;
        try {
            obj = CanonicalJson.parse(json);
        } catch (IOException e) {
            return null;
        }
        if (obj == null || !obj.isObject() || !obj.has("subject")) {
            return null;
        }
        List<Descriptor> layers = Descriptor.listFromJson(obj, "layers", "artifact layer");
        String type = obj.path("artifactType").asText("");
        if (type.isEmpty()) {
            type = obj.path("config").path("mediaType").asText("");
        }
        return new ArtifactManifest(type, layers, Descriptor.fromJson(obj.get("subject"), "artifact subject"),
                JsonFields.stringMap(obj, "annotations"));
    }
}
