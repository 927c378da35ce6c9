package dev.jbuild.store;

import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.layertar.HeaderStyle;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code jbuild export}: an image's flattened root file system as one tar. The merged view of the
 * image's snapshots is exactly that tree (every layer applied, whiteouts resolved), so export unpacks
 * what is missing, links the view together ({@link LayerStore#merged}), then writes it with layer-tar's writer: sorted and deterministic, the same image always gives the same
 * bytes on the same machine. Headers are {@code docker export}'s: file-type bits in the mode, and the
 * owners' names as this machine names them ({@link HostAccounts}). Merging the layer tars as streams would save the unpacking but needs every layer's entries
 * held in memory to resolve whiteouts and overwrites; the snapshots are kept for reuse anyway.
 */
public final class ImageExporter {
    private final ImageStore store;

    public ImageExporter(ImageStore store) {
        this.store = store;
    }

    /** Writes the file system of the image {@code query} names ({@link ImageStore#image}) to {@code out}. */
    public SizedDigest export(String query, OutputStream out) throws IOException {
        return export(store.image(query), out);
    }

    public SizedDigest export(ImageRecord image, OutputStream out) throws IOException {
        HostAccounts accounts = HostAccounts.system();
        LayerWriter writer = LayerWriter.of(WriterOptions.defaults()
                .withHeaderStyle(HeaderStyle.dockerExport(accounts::user, accounts::group)));
        try (LayerStore.Merged merged = store.layers().merged(image)) {
            return writer.writeDirectory(merged.rootfs(), out);
        }
    }
}
