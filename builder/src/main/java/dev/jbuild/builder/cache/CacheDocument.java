package dev.jbuild.builder.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.GoTime;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared cache's format: a document (the artifact's config blob) listing, per step, the cache key,
 * the record (diff ID, size, creation time, layer stack) and the layer's blob descriptor; and the
 * OCI manifest that carries it, with the layer blobs as its layers. Canonical JSON throughout.
 */
public final class CacheDocument {
    /** The artifact's type and its config's media type. */
    public static final String ARTIFACT_TYPE = "application/vnd.jbuild.buildcache.v1";
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.jbuild.buildcache.config.v1+json";
    private static final int VERSION = 1;

    private CacheDocument() {
    }

    public static byte[] encode(List<CacheEntry> entries) {
        ObjectNode root = CanonicalJson.object();
        root.put("version", VERSION);
        ArrayNode array = root.putArray("entries");
        for (CacheEntry entry : entries) {
            ObjectNode node = CanonicalJson.object();
            node.put("key", entry.key().value());
            node.put("diffId", entry.record().diffId().value());
            node.put("size", entry.record().size());
            node.put("created", GoTime.format(entry.record().created()));
            ArrayNode stack = node.putArray("stack");
            entry.record().stack().forEach(d -> stack.add(d.value()));
            node.set("blob", entry.blob().toJson());
            array.add(node);
        }
        return CanonicalJson.bytes(root);
    }

    /**
     * Reads a document; an entry that does not make sense is dropped (a miss), never guessed at.
     *
     * @throws IOException when the whole document is unreadable or of another version
     */
    public static List<CacheEntry> decode(byte[] bytes) throws IOException {
        JsonNode root = JsonTrees.read(bytes);
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != VERSION) {
            throw new IOException("not a version " + VERSION + " jbuild build cache");
        }
        List<CacheEntry> out = new ArrayList<>();
        for (JsonNode node : root.path("entries")) {
            try {
                List<Digest> stack = new ArrayList<>();
                node.path("stack").forEach(d -> stack.add(Digest.parse(d.asText())));
                Instant created = GoTime.parseOrNull(node.path("created").asText(null));
                Descriptor blob = Descriptor.fromJson(node.get("blob"), "cache blob");
                if (created == null || !MediaTypes.isLayer(blob.mediaType())) {
                    continue;
                }
                CacheRecord record = new CacheRecord(Digest.parse(node.path("diffId").asText()),
                        node.path("size").asLong(), created, stack);
                out.add(new CacheEntry(Digest.parse(node.path("key").asText()), record, blob));
            } catch (RuntimeException e) {
                // a malformed entry is a miss
            }
        }
        return out;
    }

    /** The artifact's manifest: the document as config, the layer blobs as layers. */
    public static byte[] manifest(Descriptor document, List<Descriptor> blobs) {
        ObjectNode root = CanonicalJson.object();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.put("artifactType", ARTIFACT_TYPE);
        root.set("config", document.toJson());
        ArrayNode layers = root.putArray("layers");
        blobs.forEach(b -> layers.add(b.toJson()));
        return CanonicalJson.bytes(root);
    }
}
