package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.AnalysisReport;
import dev.jbuild.analysis.LayerSummary;
import dev.jbuild.analysis.WastedFile;
import dev.jbuild.cli.store.DockerFormat;
import java.util.Locale;

/** {@code jbuild analyze} for people: layers, largest files, wasted files, the score. */
final class AnalysisText {
    private AnalysisText() {
    }

    static String render(AnalysisReport report, int top) {
        StringBuilder out = new StringBuilder();
        out.append("Image ").append(report.name()).append(" (").append(report.id().shortId()).append(")\n\nLayers:\n");
        for (LayerSummary layer : report.layers()) {
            out.append(String.format(Locale.ROOT, "  #%-3d %8s %6d files  %s%n", layer.index(),
                    DockerFormat.humanSize(layer.size()), layer.files(), layer.createdBy()));
        }
        out.append("\nLargest files:\n");
        for (AnalysisReport.LargeFile file : report.largest()) {
            out.append(String.format(Locale.ROOT, "  %8s  %s  (layer #%d)%n", DockerFormat.humanSize(file.size()),
                    file.path(), file.layer()));
        }
        out.append("\nWasted files: ").append(report.wasted().size()).append('\n');
        for (WastedFile file : report.wasted().subList(0, Math.min(top, report.wasted().size()))) {
            out.append(String.format(Locale.ROOT, "  %8s  %s  (layer #%d, %s by #%d: %s)%n",
                    DockerFormat.humanSize(file.size()), file.path(), file.addedBy(),
                    file.deleted() ? "deleted" : "overwritten", file.wastedBy(), file.instruction()));
        }
        out.append(String.format(Locale.ROOT, "%nTotal content: %s (%d bytes)%nWasted: %s (%d bytes)%n"
                        + "Efficiency: %.4f%n", DockerFormat.humanSize(report.totalContentBytes()),
                report.totalContentBytes(), DockerFormat.humanSize(report.wastedBytes()), report.wastedBytes(),
                report.efficiency()));
        return out.toString();
    }
}
