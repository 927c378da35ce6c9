package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An image index (OCI, or Docker manifest list): manifests for several platforms, and the
 * {@code index.json} of an image layout, where each descriptor may carry the
 * {@code org.opencontainers.image.ref.name} annotation.
 */
public record Index(int schemaVersion, String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    /** The annotation that names a manifest in an image layout's index.json. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Index {
        manifests = List.copyOf(manifests);
        annotations = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(annotations));
        mediaType = mediaType == null ? "" : mediaType;
    }

    public static Index oci(List<Descriptor> manifests) {
        return new Index(2, MediaTypes.OCI_INDEX, manifests, Map.of());
    }

    public byte[] toJson() {
        return CanonicalJson.bytes(toJsonNode());
    }

    public ObjectNode toJsonNode() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("schemaVersion", schemaVersion);
        JsonFields.putText(obj, "mediaType", mediaType);
        Descriptor.putList(obj, "manifests", manifests);
        JsonFields.putStringMap(obj, "annotations", annotations);
        return obj;
    }

    public static Index parse(byte[] json) {
        JsonNode obj = JsonFields.object(json, "image index");
        JsonFields.requireSchemaVersion2(obj, "image index");
        return new Index(2, JsonFields.text(obj, "mediaType"), Descriptor.listFromJson(obj, "manifests", "index entry"),
                JsonFields.stringMap(obj, "annotations"));
    }
}
