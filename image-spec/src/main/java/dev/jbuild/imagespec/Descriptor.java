package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a blob is, its digest and its length.
 *
 * @param annotations sorted; empty when there are none
 * @param platform null unless the descriptor names a manifest for one platform
 * @param urls where else the blob may be fetched from (a non-distributable layer's only source); empty
 *     when there are none
 */
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Platform platform, List<String> urls) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        annotations = java.util.Collections.unmodifiableSortedMap(JsonFields.sorted(annotations));
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations, Platform platform) {
        this(mediaType, digest, size, annotations, platform, List.of());
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Map.of(), null, List.of());
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, newAnnotations, platform, urls);
    }

    public Descriptor withMediaType(String newMediaType) {
        return new Descriptor(newMediaType, digest, size, annotations, platform, urls);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, annotations, newPlatform, urls);
    }

    public Descriptor withUrls(List<String> newUrls) {
        return new Descriptor(mediaType, digest, size, annotations, platform, newUrls);
    }

    /** The descriptor as a JSON object in the image-spec's field order. */
    public ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("mediaType", mediaType);
        obj.put("digest", digest.value());
        obj.put("size", size);
        JsonFields.putStrings(obj, "urls", urls);
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
                platform != null && platform.isObject() ? Platform.fromJson(platform) : null,
                JsonFields.strings(obj, "urls"));
    }

    /** Writes {@code descriptors} as the array {@code field} of {@code obj}, in order, even when empty. */
    static void putList(ObjectNode obj, String field, List<Descriptor> descriptors) {
        ArrayNode array = obj.putArray(field);
        descriptors.forEach(descriptor -> array.add(descriptor.toJson()));
    }

    /** Reads the array {@code field} of {@code obj} (none when absent or not an array); {@code what} names each in errors. */
    static List<Descriptor> listFromJson(JsonNode obj, String field, String what) {
        List<Descriptor> descriptors = new ArrayList<>();
        JsonNode array = obj.get(field);
        if (array != null && array.isArray()) {
            for (JsonNode descriptor : array) {
                descriptors.add(fromJson(descriptor, what));
            }
        }
        return descriptors;
    }
}
