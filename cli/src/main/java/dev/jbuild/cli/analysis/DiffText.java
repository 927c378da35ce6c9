package dev.jbuild.cli.analysis;

import dev.jbuild.analysis.ConfigChange;
import dev.jbuild.analysis.DiffReport;
import dev.jbuild.analysis.FileChange;
import dev.jbuild.analysis.LayerSummary;
import dev.jbuild.cli.store.DockerFormat;
import java.util.List;

/** {@code jbuild diff} for people: one line per changed path ({@code A}, {@code D}, {@code C}), config, layers. */
final class DiffText {
    private DiffText() {
    }

    static String render(DiffReport report) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(report.nameA()).append(" (").append(report.idA().shortId()).append(")\n");
        out.append("+++ ").append(report.nameB()).append(" (").append(report.idB().shortId()).append(")\n");
        out.append("\nFiles: ").append(report.count(FileChange.Kind.ADDED)).append(" added, ")
                .append(report.count(FileChange.Kind.REMOVED)).append(" removed, ")
                .append(report.count(FileChange.Kind.CHANGED)).append(" changed\n");
        for (FileChange change : report.files()) {
            switch (change.kind()) {
                case ADDED -> out.append("A ").append(change.path()).append(' ')
                        .append(describe(change.after())).append('\n');
                case REMOVED -> out.append("D ").append(change.path()).append('\n');
                case CHANGED -> out.append("C ").append(change.path()).append(" (")
                        .append(String.join(", ", change.aspects())).append(")\n");
            }
        }
        out.append("\nConfig: ").append(report.config().isEmpty() ? "identical" : report.config().size()
                + " difference" + (report.config().size() == 1 ? "" : "s")).append('\n');
        for (ConfigChange change : report.config()) {
            out.append("  ").append(change.field()).append(": ").append(value(change.before())).append(" → ")
                    .append(value(change.after())).append('\n');
        }
        out.append("\nLayers: ").append(report.sharedLayers()).append(" shared\n");
        layers(out, "A", report.layersA(), report.sharedLayers());
        layers(out, "B", report.layersB(), report.sharedLayers());
        return out.toString();
    }

    private static void layers(StringBuilder out, String side, List<LayerSummary> layers, int shared) {
        for (LayerSummary layer : layers.subList(shared, layers.size())) {
            out.append("  ").append(side).append(" only: #").append(layer.index()).append(' ')
                    .append(layer.diffId().shortId()).append(' ').append(DockerFormat.humanSize(layer.size()))
                    .append(' ').append(layer.files()).append(" files ").append(layer.createdBy()).append('\n');
        }
    }

    private static String describe(dev.jbuild.analysis.FileEntry entry) {
        return entry.modeString() + " " + entry.uid() + ":" + entry.gid()
                + (entry.isRegular() ? " " + entry.size() + "B" : "")
                + (entry.linkTarget().isEmpty() ? "" : " -> " + entry.linkTarget());
    }

    private static String value(String text) {
        return text == null ? "(none)" : text;
    }
}
