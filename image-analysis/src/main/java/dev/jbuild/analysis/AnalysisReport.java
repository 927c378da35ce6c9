package dev.jbuild.analysis;

import dev.jbuild.imagespec.Digest;
import java.util.List;

/**
 * What {@code jbuild analyze} found (what {@code dive} shows).
 *
 * @param totalContentBytes the bytes of regular-file content in all layers together
 * @param wastedBytes the part of it the finished image never shows
 * @param efficiency {@code 1 - wasted / total}: 1.0 when nothing is wasted
 * @param largest the largest files of the finished image, largest first
 * @param wasted every wasted file, largest first
 */
public record AnalysisReport(String name, Digest id, List<LayerSummary> layers, long totalContentBytes,
                             long wastedBytes, double efficiency, List<LargeFile> largest, List<WastedFile> wasted) {
    public AnalysisReport {
        layers = List.copyOf(layers);
        largest = List.copyOf(largest);
        wasted = List.copyOf(wasted);
    }

    /** A file of the finished image and the layer it comes from. */
    public record LargeFile(String path, long size, int layer) {
    }

    /** {@code --ci}: which thresholds the report crosses, one line each; empty when it passes. */
    public List<String> failures(Double lowestEfficiency, Long highestWastedBytes) {
        List<String> out = new java.util.ArrayList<>();
        if (lowestEfficiency != null && efficiency < lowestEfficiency) {
            out.add(String.format(java.util.Locale.ROOT, "efficiency %.4f is below the lowest allowed %.4f",
                    efficiency, lowestEfficiency));
        }
        if (highestWastedBytes != null && wastedBytes > highestWastedBytes) {
            out.add("wasted bytes " + wastedBytes + " are above the highest allowed " + highestWastedBytes);
        }
        return out;
    }
}
