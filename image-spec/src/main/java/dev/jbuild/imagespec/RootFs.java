package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rootfs} of an image config: the uncompressed digests (diff IDs) of its layers, bottom
 * first.
 */
public record RootFs(String type, List<Digest> diffIds) {
    public static final String LAYERS = "layers";

    public RootFs {
        type = type == null ? LAYERS : type;
        diffIds = List.copyOf(diffIds);
    }

    public static RootFs of(List<Digest> diffIds) {
        return new RootFs(LAYERS, diffIds);
    }

    public RootFs withLayer(Digest diffId) {
        List<Digest> more = new ArrayList<>(diffIds);
        more.add(diffId);
        return new RootFs(type, more);
    }

    ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        obj.put("type", type);
        // Always written, [] when empty: the image-spec requires the array, and null trips up some readers.
        ArrayNode array = obj.putArray("diff_ids");
        diffIds.forEach(d -> array.add(d.value()));
        return obj;
    }

    static RootFs fromJson(JsonNode obj) {
        if (obj == null || !obj.isObject()) {
            return of(List.of());
        }
        List<Digest> diffIds = new ArrayList<>();
        JsonNode array = obj.get("diff_ids");
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                try {
                    diffIds.add(Digest.parse(item.asText()));
                } catch (InvalidDigestException e) {
                    throw new InvalidImageException("invalid image config: diff_id " + e.getMessage(), e);
                }
            }
        }
        return new RootFs(JsonFields.textOrEmpty(obj, "type"), diffIds);
    }
}
