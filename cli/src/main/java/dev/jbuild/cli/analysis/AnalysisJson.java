package dev.jbuild.cli.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.analysis.AnalysisReport;
import dev.jbuild.analysis.WastedFile;

/** {@code jbuild analyze --format json}: the whole report as one object. */
final class AnalysisJson {
    private AnalysisJson() {
    }

    static String render(AnalysisReport report, int top) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("image", report.name());
        root.put("id", report.id().value());
        root.set("layers", DiffJson.layers(report.layers()));
        ArrayNode largest = root.putArray("largestFiles");
        report.largest().forEach(file -> largest.addObject().put("path", file.path()).put("size", file.size())
                .put("layer", file.layer()));
        ArrayNode wasted = root.putArray("wastedFiles");
        for (WastedFile file : report.wasted().subList(0, Math.min(top, report.wasted().size()))) {
            wasted.addObject().put("path", file.path()).put("size", file.size()).put("addedBy", file.addedBy())
                    .put("wastedBy", file.wastedBy()).put("instruction", file.instruction())
                    .put("deleted", file.deleted());
        }
        root.put("wastedFileCount", report.wasted().size());
        root.put("totalContentBytes", report.totalContentBytes());
        root.put("wastedBytes", report.wastedBytes());
        root.put("efficiency", report.efficiency());
        return root.toString();
    }
}
