package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image manifest (OCI, or Docker schema 2 which has the same shape): the config blob and the
 * layer blobs, bottom layer first.
 */
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                       Map<String, String> annotations) {

    public Manifest {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        annotations = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(annotations));
        mediaType = mediaType == null ? "" : mediaType;
    }

    /** An OCI manifest as this store writes it. */
    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers, Map.of());
    }

    /** Canonical JSON bytes; their digest is the manifest digest. */
    public byte[] toJson() {
        return CanonicalJson.bytes(toJsonNode());
    }

    public ObjectNode toJsonNode() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("schemaVersion", schemaVersion);
        JsonFields.putText(obj, "mediaType", mediaType);
        obj.set("config", config.toJson());
        Descriptor.putList(obj, "layers", layers);
        JsonFields.putStringMap(obj, "annotations", annotations);
        return obj;
    }

    /** Reads a manifest, OCI or Docker; unknown fields are ignored. */
    public static Manifest parse(byte[] json) {
        JsonNode obj = JsonFields.object(json, "image manifest");
        JsonFields.requireSchemaVersion2(obj, "image manifest");
        String mediaType = JsonFields.text(obj, "mediaType");
        if (mediaType != null && MediaTypes.isIndex(mediaType)) {
            throw new InvalidImageException("invalid image manifest: it is an index (" + mediaType + ")");
        }
        if (!JsonFields.present(obj, "config")) {
            throw new InvalidImageException("invalid image manifest: no config");
        }
        Descriptor config = Descriptor.fromJson(obj.get("config"), "manifest config");
        List<Descriptor> layers = Descriptor.listFromJson(obj, "layers", "manifest layer");
        return new Manifest(2, mediaType, config, layers, JsonFields.stringMap(obj, "annotations"));
    }
}
