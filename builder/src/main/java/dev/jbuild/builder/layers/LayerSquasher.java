package dev.jbuild.builder.layers;

import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.RootFs;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.UnsafeEntryException;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code build --squash}: every layer above the base image becomes one layer. The layers are applied,
 * whiteouts and all, on a workspace over the base, and the workspace's diff is written as the one
 * layer, so what a later layer deleted from the base is a whiteout and what it deleted from an
 * earlier layer of the build is simply absent. The history stays: every entry above the base is
 * marked {@code empty_layer} except the last, which now stands for the squashed layer; the config
 * is kept. With a source date epoch the layer's times are clamped, so the result is reproducible.
 */
public final class LayerSquasher {
    private final ImageStore store;
    private final DiffStore diffs;

    public LayerSquasher(ImageStore store, DiffStore diffs) {
        this.store = store;
        this.diffs = diffs;
    }

    /** The squashed image, with its descriptors aligned to the config; null when there is nothing to squash. */
    public Squashed squash(ImageConfig config, List<Descriptor> layers, int baseLayers, int baseHistory,
                           Long sourceDateEpoch) throws IOException {
        if (layers.size() - baseLayers < 1) {
            return null;
        }
        List<Digest> base = config.diffIds().subList(0, baseLayers);
        Descriptor squashed;
        try (Workspace workspace = diffs.workspace(base)) {
            for (Descriptor layer : layers.subList(baseLayers, layers.size())) {
                apply(layer, workspace);
            }
            LayerWriter writer = LayerWriter.of(new WriterOptions(sourceDateEpoch));
            squashed = store.blobs().write(MediaTypes.OCI_LAYER,
                    out -> writer.streamChanges(workspace.diffRoot(), workspace.changes(), out));
            List<Digest> stack = new ArrayList<>(base);
            stack.add(squashed.digest());
            diffs.commit(stack, workspace);
        }
        List<Digest> diffIds = new ArrayList<>(base);
        diffIds.add(squashed.digest());
        List<Descriptor> descriptors = new ArrayList<>(layers.subList(0, baseLayers));
        descriptors.add(squashed);
        ImageConfig result = config.withRootFs(RootFs.of(diffIds)).withHistory(history(config.history(), baseHistory));
        return new Squashed(result, descriptors);
    }

    /** The squashed config and its layer blobs, bottom first. */
    public record Squashed(ImageConfig config, List<Descriptor> layers) {
    }

    private void apply(Descriptor layer, Workspace workspace) throws IOException {
        try (InputStream blob = store.blobs().open(layer);
             InputStream tar = CompressionStreams.decompressing(MediaTypes.layerCompression(layer.mediaType()), blob)) {
            LayerApplier.of(ApplyOptions.defaults()).apply(tar, workspace.rootfs());
            tar.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (UnsafeEntryException e) {
            throw new IOException("layer " + layer.digest() + " is unsafe to unpack: " + e.getMessage(), e);
        }
    }

    /** Entries from the base kept as they are; above it, all empty but the last. */
    static List<HistoryEntry> history(List<HistoryEntry> history, int baseHistory) {
        List<HistoryEntry> out = new ArrayList<>(history.subList(0, Math.min(baseHistory, history.size())));
        for (int i = baseHistory; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            boolean last = i == history.size() - 1;
            out.add(new HistoryEntry(entry.created(), entry.createdBy(), entry.author(), entry.comment(), !last));
        }
        return out;
    }
}
