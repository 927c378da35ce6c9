package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.TaskFailures;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The blob each layer is written as, in the compression asked for: the stored blob when it already
 * has that compression, else the store's cached variant, made now if it was never made (and kept for
 * the next save). Layers are compressed concurrently, one per core; a big layer also uses every core
 * on its own (the store's compressors are multi-threaded).
 */
final class LayerOutputs {
    private final ImageStore store;
    private final Compression compression;

    LayerOutputs(ImageStore store, Compression compression) {
        this.store = store;
        this.compression = compression;
    }

    /** A layer as the store's manifest has it, and its diff ID. */
    record Layer(Descriptor stored, Digest diffId) {
    }

    /** Output descriptor (OCI media type of the target compression) for each distinct layer. */
    Map<Layer, Descriptor> prepare(List<Layer> layers) throws IOException {
        Map<Layer, Future<Descriptor>> pending = new LinkedHashMap<>();
        int threads = Math.max(1, Math.min(layers.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "jbuild-save-layer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Layer layer : layers) {
                pending.computeIfAbsent(layer, l -> pool.submit(() -> output(l)));
            }
            Map<Layer, Descriptor> out = new LinkedHashMap<>();
            for (Map.Entry<Layer, Future<Descriptor>> entry : pending.entrySet()) {
                out.put(entry.getKey(), TaskFailures.await(entry.getValue(), "preparing layers"));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Descriptor output(Layer layer) throws IOException {
        return store.compressedCache().variant(layer.stored(), layer.diffId(), compression);
    }

    static List<Layer> layersOf(dev.jbuild.store.ImageRecord image) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < image.manifest().layers().size(); i++) {
            out.add(new Layer(image.manifest().layers().get(i), image.diffIds().get(i)));
        }
        return out;
    }
}
