package dev.jbuild.cli.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.analysis.ConfigChange;
import dev.jbuild.analysis.DiffReport;
import dev.jbuild.analysis.FileChange;
import dev.jbuild.analysis.FileEntry;
import dev.jbuild.analysis.LayerSummary;
import java.util.List;
import java.util.Locale;

/** {@code jbuild diff --format json}: one object with {@code files}, {@code config} and {@code layers}. */
final class DiffJson {
    private DiffJson() {
    }

    static String render(DiffReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("a").put("name", report.nameA()).put("id", report.idA().value());
        root.putObject("b").put("name", report.nameB()).put("id", report.idB().value());
        ArrayNode files = root.putArray("files");
        for (FileChange change : report.files()) {
            ObjectNode node = files.addObject();
            node.put("path", change.path());
            node.put("change", change.kind().name().toLowerCase(Locale.ROOT));
            if (!change.aspects().isEmpty()) {
                ArrayNode aspects = node.putArray("aspects");
                change.aspects().forEach(aspects::add);
            }
            if (change.before() != null) {
                node.set("before", entry(change.before()));
            }
            if (change.after() != null) {
                node.set("after", entry(change.after()));
            }
        }
        ArrayNode config = root.putArray("config");
        for (ConfigChange change : report.config()) {
            config.addObject().put("field", change.field()).put("before", change.before()).put("after", change.after());
        }
        ObjectNode layers = root.putObject("layers");
        layers.put("shared", report.sharedLayers());
        layers.set("a", layers(report.layersA()));
        layers.set("b", layers(report.layersB()));
        return root.toString();
    }

    static ObjectNode entry(FileEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", entry.kind().name().toLowerCase(Locale.ROOT));
        node.put("mode", String.format("%04o", entry.mode() & 07777));
        node.put("uid", entry.uid());
        node.put("gid", entry.gid());
        if (entry.isRegular()) {
            node.put("size", entry.size());
            node.put("digest", entry.contentDigest());
        }
        if (!entry.linkTarget().isEmpty()) {
            node.put("linkTarget", entry.linkTarget());
        }
        if (!entry.xattrs().isEmpty()) {
            ObjectNode xattrs = node.putObject("xattrs");
            entry.xattrs().forEach(xattrs::put);
        }
        return node;
    }

    static ArrayNode layers(List<LayerSummary> layers) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (LayerSummary layer : layers) {
            array.addObject().put("index", layer.index()).put("diffId", layer.diffId().value())
                    .put("size", layer.size()).put("files", layer.files()).put("contentBytes", layer.contentBytes())
                    .put("createdBy", layer.createdBy());
        }
        return array;
    }
}
