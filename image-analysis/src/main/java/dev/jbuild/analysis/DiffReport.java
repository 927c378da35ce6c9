package dev.jbuild.analysis;

import dev.jbuild.imagespec.Digest;
import java.util.List;

/**
 * What {@code jbuild diff A B} found.
 *
 * @param sharedLayers how many bottom layers the two images have in common (same diff IDs in the same order)
 * @param layersA every layer of A, bottom first; {@code layersB} likewise
 */
public record DiffReport(String nameA, Digest idA, String nameB, Digest idB, List<FileChange> files,
                         List<ConfigChange> config, int sharedLayers, List<LayerSummary> layersA,
                         List<LayerSummary> layersB) {
    public DiffReport {
        files = List.copyOf(files);
        config = List.copyOf(config);
        layersA = List.copyOf(layersA);
        layersB = List.copyOf(layersB);
    }

    public long count(FileChange.Kind kind) {
        return files.stream().filter(change -> change.kind() == kind).count();
    }

    public boolean identical() {
        return files.isEmpty() && config.isEmpty();
    }
}
