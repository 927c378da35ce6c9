package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One {@code history} entry of an image config: how a layer (or a config-only step, when
 * {@code emptyLayer}) was made.
 *
 * @param created null when unknown
 */
public record HistoryEntry(Instant created, String createdBy, String author, String comment, boolean emptyLayer) {

    public HistoryEntry {
        createdBy = createdBy == null ? "" : createdBy;
        author = author == null ? "" : author;
        comment = comment == null ? "" : comment;
    }

    ObjectNode toJson() {
        ObjectNode obj = CanonicalJson.object();
        if (created != null) {
            obj.put("created", GoTime.format(created));
        }
        JsonFields.putText(obj, "created_by", createdBy);
        JsonFields.putText(obj, "author", author);
        JsonFields.putText(obj, "comment", comment);
        if (emptyLayer) {
            obj.put("empty_layer", true);
        }
        return obj;
    }

    static HistoryEntry fromJson(JsonNode obj) {
        return new HistoryEntry(GoTime.parseOrNull(JsonFields.text(obj, "created")), JsonFields.text(obj, "created_by"),
                JsonFields.text(obj, "author"), JsonFields.text(obj, "comment"), JsonFields.bool(obj, "empty_layer"));
    }
}
