package dev.jbuild.analysis;

import dev.jbuild.imagespec.Digest;

/**
 * One layer as a report lists it.
 *
 * @param files how many entries the layer writes (whiteouts not counted)
 * @param contentBytes the bytes of regular-file content it holds
 */
public record LayerSummary(int index, Digest diffId, long size, String createdBy, int files, long contentBytes) {
    static LayerSummary of(LayerFiles layer) {
        return new LayerSummary(layer.index(), layer.diffId(), layer.size(), layer.createdBy(), layer.entries().size(),
                layer.contentBytes());
    }
}
