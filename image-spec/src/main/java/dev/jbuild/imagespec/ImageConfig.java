package dev.jbuild.imagespec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OCI image config (Docker's image JSON): platform, run configuration, layer diff IDs and
 * history. Its canonical JSON ({@link #toJson()}) is what gets stored, and its digest is the image ID.
 *
 * <p>Canonical form: top-level keys sorted (BuildKit rewrites the config through a Go map, so that is
 * the order it writes), nested objects in the Go struct order of the image-spec, map-valued fields
 * sorted, {@code omitempty} as in the spec's Go types. A config read from elsewhere keeps its own
 * bytes in the blob store; parsing is for reading it and never for recomputing its ID.
 *
 * @param created null when unknown
 * @param author empty when none
 */
public record ImageConfig(Instant created, String author, Platform platform, ContainerConfig config, RootFs rootfs,
                          List<HistoryEntry> history) {

    public ImageConfig {
        author = author == null ? "" : author;
        Objects.requireNonNull(platform, "platform");
        config = config == null ? ContainerConfig.EMPTY : config;
        rootfs = rootfs == null ? RootFs.of(List.of()) : rootfs;
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A config with no layers, history or run configuration: the start of {@code FROM scratch}. */
    public static ImageConfig empty(Platform platform) {
        return new ImageConfig(null, "", platform, ContainerConfig.EMPTY, RootFs.of(List.of()), List.of());
    }

    public String architecture() {
        return platform.architecture();
    }

    public String os() {
        return platform.os();
    }

    public List<Digest> diffIds() {
        return rootfs.diffIds();
    }

    public ImageConfig withCreated(Instant v) {
        return new ImageConfig(v, author, platform, config, rootfs, history);
    }

    public ImageConfig withAuthor(String v) {
        return new ImageConfig(created, v, platform, config, rootfs, history);
    }

    public ImageConfig withPlatform(Platform v) {
        return new ImageConfig(created, author, v, config, rootfs, history);
    }

    public ImageConfig withConfig(ContainerConfig v) {
        return new ImageConfig(created, author, platform, v, rootfs, history);
    }

    public ImageConfig withRootFs(RootFs v) {
        return new ImageConfig(created, author, platform, config, v, history);
    }

    public ImageConfig withHistory(List<HistoryEntry> v) {
        return new ImageConfig(created, author, platform, config, rootfs, v);
    }

    /** Adds a layer on top with the history entry that made it ({@code emptyLayer} must be false). */
    public ImageConfig withLayer(Digest diffId, HistoryEntry entry) {
        if (entry.emptyLayer()) {
            throw new IllegalArgumentException("a layer's history entry cannot be an empty_layer entry");
        }
        return withRootFs(rootfs.withLayer(diffId)).withHistoryEntry(entry);
    }

    /** Appends a history entry (for a config-only step, one with {@code emptyLayer} set). */
    public ImageConfig withHistoryEntry(HistoryEntry entry) {
        List<HistoryEntry> more = new ArrayList<>(history);
        more.add(entry);
        return withHistory(more);
    }

    /** The canonical JSON bytes, the content of the config blob. */
    public byte[] toJson() {
        return CanonicalJson.bytes(toJsonNode());
    }

    /** The image ID this config gets when stored as written by {@link #toJson()}. */
    public Digest digest() {
        return Digest.of(toJson());
    }

    public ObjectNode toJsonNode() {
        // Keys in sorted order; see the class comment.
        ObjectNode obj = CanonicalJson.object();
        obj.put("architecture", platform.architecture());
        JsonFields.putText(obj, "author", author);
        obj.set("config", config.toJson());
        if (created != null) {
            obj.put("created", GoTime.format(created));
        }
        if (!history.isEmpty()) {
            ArrayNode array = obj.putArray("history");
            history.forEach(h -> array.add(h.toJson()));
        }
        obj.put("os", platform.os());
        JsonFields.putStrings(obj, "os.features", platform.osFeatures());
        JsonFields.putText(obj, "os.version", platform.osVersion());
        obj.set("rootfs", rootfs.toJson());
        JsonFields.putText(obj, "variant", platform.variant());
        return obj;
    }

    /** Reads a config written by any tool; unknown fields (Docker's container_config...) are ignored. */
    public static ImageConfig parse(byte[] json) {
        JsonNode obj = JsonFields.object(json, "image config");
        List<HistoryEntry> history = new ArrayList<>();
        JsonNode array = obj.get("history");
        if (array != null && array.isArray()) {
            array.forEach(entry -> history.add(HistoryEntry.fromJson(entry)));
        }
        return new ImageConfig(GoTime.parseOrNull(JsonFields.text(obj, "created")), JsonFields.text(obj, "author"),
                Platform.fromJson(obj), ContainerConfig.fromJson(obj.get("config")), RootFs.fromJson(obj.get("rootfs")),
                history);
    }
}
