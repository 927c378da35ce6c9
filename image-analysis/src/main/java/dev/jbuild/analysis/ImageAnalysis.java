package dev.jbuild.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code jbuild analyze}: the size of each layer, the largest files, and the bytes wasted on files a
 * later layer overwrote or deleted, attributed to the layer (and instruction) that did it.
 */
public final class ImageAnalysis {
    private ImageAnalysis() {
    }

    private static java.util.Set<String> paths(LayerFiles layer) {
        java.util.Set<String> out = new java.util.HashSet<>();
        layer.entries().forEach(entry -> out.add(entry.path()));
        return out;
    }

    public static AnalysisReport analyze(ImageInput input, int largestCount) throws IOException {
        List<LayerFiles> layers = LayerScanner.scan(input.layers(), false);
        List<WastedFile> wasted = new ArrayList<>();
        java.util.Map<Integer, java.util.Set<String>> written = new java.util.HashMap<>();
        MergedTree tree = MergedTree.of(layers, (hidden, by) -> {
            if (hidden.entry().isRegular() && hidden.entry().size() > 0) {
                boolean deleted = !written.computeIfAbsent(by.index(), i -> paths(by)).contains(hidden.entry().path());
                wasted.add(new WastedFile(hidden.entry().path(), hidden.entry().size(), hidden.layer(), by.index(),
                        by.createdBy(), deleted));
            }
        });
        wasted.sort(Comparator.comparingLong(WastedFile::size).reversed().thenComparing(WastedFile::path));
        long total = layers.stream().mapToLong(LayerFiles::contentBytes).sum();
        long wastedBytes = wasted.stream().mapToLong(WastedFile::size).sum();
        double efficiency = total == 0 ? 1.0 : (double) (total - wastedBytes) / total;
        List<AnalysisReport.LargeFile> largest = tree.all().stream()
                .filter(node -> node.entry().isRegular())
                .sorted(Comparator.comparingLong((MergedTree.Node n) -> n.entry().size()).reversed()
                        .thenComparing(n -> n.entry().path()))
                .limit(largestCount)
                .map(node -> new AnalysisReport.LargeFile(node.entry().path(), node.entry().size(), node.layer()))
                .toList();
        return new AnalysisReport(input.name(), input.image().id(), layers.stream().map(LayerSummary::of).toList(),
                total, wastedBytes, efficiency, largest, wasted);
    }
}
