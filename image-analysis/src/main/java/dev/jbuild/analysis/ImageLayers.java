package dev.jbuild.analysis;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarReader;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an image's layers from the store as tar streams (decompressed as their media type says),
 * one pass per layer, no unpacking: what diff, analyze and the SBOM's layer attribution read.
 */
public final class ImageLayers {
    private static final int BUFFER = 1 << 16;

    private final ImageStore store;
    private final ImageRecord image;

    public ImageLayers(ImageStore store, ImageRecord image) {
        this.store = store;
        this.image = image;
    }

    public ImageRecord image() {
        return image;
    }

    public int count() {
        return image.manifest().layers().size();
    }

    /** The history text of each layer, bottom first ({@code ""} where the history does not say). */
    public List<String> createdBy() {
        List<String> out = new ArrayList<>();
        for (HistoryEntry entry : image.config().history()) {
            if (!entry.emptyLayer()) {
                out.add(entry.createdBy() == null ? "" : entry.createdBy());
            }
        }
        while (out.size() < count()) {
            out.add(0, "");
        }
        return out.subList(out.size() - count(), out.size());
    }

    /** Visits every entry of every layer, bottom layer first. */
    public void visit(LayerVisitor visitor) throws IOException {
        List<Descriptor> layers = image.manifest().layers();
        for (int i = 0; i < layers.size(); i++) {
            visitLayer(i, visitor);
        }
    }

    /** Visits the entries of one layer. */
    public void visitLayer(int index, LayerVisitor visitor) throws IOException {
        Descriptor layer = image.manifest().layers().get(index);
        try (InputStream raw = new BufferedInputStream(store.blobs().open(layer), BUFFER);
             InputStream tar = CompressionStreams.decompressing(MediaTypes.layerCompression(layer.mediaType()), raw)) {
            TarReader reader = new TarReader(tar);
            TarHeader header;
            while ((header = reader.next()) != null) {
                visitor.entry(index, clean(header.name()), header, reader.data());
            }
            tar.transferTo(java.io.OutputStream.nullOutputStream()); // to the end: the store checks the digest there
        }
    }

    /** {@code ./etc/}, {@code etc}, {@code /etc/} → {@code /etc}; the root is {@code /}. */
    static String clean(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() || path.equals(".") ? "/" : "/" + path;
    }
}
