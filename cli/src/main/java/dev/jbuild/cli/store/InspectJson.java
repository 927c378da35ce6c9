package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.GoTime;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.store.ImageRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker image inspect}'s JSON for an image, field for field where the store knows the value
 * (no GraphDriver, no Metadata: there is no daemon behind them), laid out like the Docker CLI prints
 * it. Config has the image-spec fields, as Docker 28 shows them.
 */
final class InspectJson {
    private InspectJson() {
    }

    /** @param sizes each image's size as Docker counts it, in the same order */
    static String array(List<ImageRecord> images, List<Long> sizes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < images.size(); i++) {
            array.add(image(images.get(i), sizes.get(i)));
        }
        return CanonicalJson.indent(array, "    ");
    }

    static ObjectNode image(ImageRecord image, long size) {
        ImageConfig config = image.config();
        ObjectNode obj = CanonicalJson.object();
        obj.put("Id", image.id().value());
        ArrayNode tags = obj.putArray("RepoTags");
        image.repoTags().forEach(tags::add);
        ArrayNode digests = obj.putArray("RepoDigests");
        image.repoDigests().forEach(digests::add);
        obj.put("Parent", "");
        obj.put("Comment", comment(config));
        obj.put("Created", config.created() == null ? "" : GoTime.format(config.created()));
        obj.put("DockerVersion", "");
        obj.put("Author", config.author());
        obj.set("Config", config.config().toJson());
        obj.put("Architecture", config.architecture());
        if (!config.platform().variant().isEmpty()) {
            obj.put("Variant", config.platform().variant());
        }
        obj.put("Os", config.os());
        if (!config.platform().osVersion().isEmpty()) {
            obj.put("OsVersion", config.platform().osVersion());
        }
        obj.put("Size", size);
        ObjectNode rootfs = obj.putObject("RootFS");
        rootfs.put("Type", config.rootfs().type());
        ArrayNode layers = rootfs.putArray("Layers");
        config.diffIds().forEach(d -> layers.add(d.value()));
        return obj;
    }

    /**
     * What {@code inspect --format} templates read for the fields of Docker's image type that the JSON
     * leaves out when empty: Docker evaluates templates over typed Go structs, where an absent list
     * prints {@code []}, an absent map {@code map[]} and an absent string nothing.
     */
    static final Map<String, JsonNode> ZERO_VALUES = zeroValues();

    private static Map<String, JsonNode> zeroValues() {
        Map<String, JsonNode> zero = new HashMap<>();
        for (String list : new String[] {"Env", "Cmd", "Entrypoint", "OnBuild", "Shell", "RepoTags", "RepoDigests",
                "Layers"}) {
            zero.put(list, JsonNodeFactory.instance.arrayNode());
        }
        for (String map : new String[] {"Labels", "ExposedPorts", "Volumes"}) {
            zero.put(map, JsonNodeFactory.instance.objectNode());
        }
        for (String text : new String[] {"User", "WorkingDir", "StopSignal", "Hostname", "Domainname", "Variant",
                "OsVersion", "Author", "Comment", "Parent"}) {
            zero.put(text, TextNode.valueOf(""));
        }
        return Map.copyOf(zero);
    }

    /** Docker shows the last history entry's comment when the config has no top-level one. */
    private static String comment(ImageConfig config) {
        List<HistoryEntry> history = config.history();
        return history.isEmpty() ? "" : history.get(history.size() - 1).comment();
    }
}
