package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is, its digest and its length.
 *
 * @param annotations sorted; empty when there are none
 * @param platform null unless the descriptor names a manifest for one platform
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        annotations = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(annotations));
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, newAnnotations, platform);
    }

    public Descriptor withMediaType(String newMediaType) {
        return new Descriptor(newMediaType, digest, size, annotations, platform);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, annotations, newPlatform);
    }

    /** The descriptor as a JSON object in the image-spec's field order. */
    public ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("mediaType", mediaType);
        obj.put("digest", digest.value());
        obj.put("size", size);
        JsonFields.putStringMap(obj, "annotations", annotations);
        if (platform != null) {
            obj.set("platform", platform.toJson());
        }
        return obj;
    }

    /** Reads a descriptor object; {@code what} names it in errors ({@code manifest config}). */
    public static Descriptor fromJson(JsonNode obj, String what) {
        if (obj == null || !obj.isObject()) {
            throw new InvalidImageException("invalid " + what + ": not a descriptor object");
        }
        long size = JsonFields.number(obj, "size", -1);
        if (size < 0) {
            throw new InvalidImageException("invalid " + what + ": missing or negative size");
        }
        JsonNode platform = obj.get("platform");
        return new Descriptor(JsonFields.textOrEmpty(obj, "mediaType"), JsonFields.digest(obj, "digest", what), size,
                JsonFields.stringMap(obj, "annotations"),
                platform != null && platform.isObject() ? Platform.fromJson(platform) : null);
    }
}
