package dev.jbuild.store;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.layertar.ContentSize;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code jbuild import}: a root file system (a tar, possibly gzip-compressed, or a directory) becomes
 * a one-layer image, configured like Docker's import: the host platform, a creation time, one history
 * entry {@code "Imported from <source>"} (or the given message), and whatever {@code changes} set.
 *
 * <p>A tar is stored as given, decompressed (so the layer's diff ID is the digest of the tarball's
 * bytes, as with Docker), then unpacked into its snapshot: that proves it is safe to unpack (a
 * hostile archive is refused before any image names it) and leaves it ready to build on. A directory
 * is written as a layer by layer-tar's writer (sorted, deterministic) and unpacked the same way. Either
 * way the layer is then kept once, as its snapshot plus a tar split that gives its bytes back
 * ({@link LayerStore#keepAsSplit}).
 */
public final class ImageImporter {
    private static final int BUFFER = 64 * 1024;

    private final ImageStore store;

    public ImageImporter(ImageStore store) {
        this.store = store;
    }

    /**
     * @param reference the name to tag the image with, or null for an untagged image
     * @param changes config edits ({@code --change}); {@link UnaryOperator#identity()} for none
     * @param message the history comment, or null for {@code Imported from <path>}
     * @throws LayerRejectedException when the tar cannot be unpacked safely or is not a tar
     * @throws UnsupportedCompressionException for xz or bzip2 input (or zstd when its native library cannot load)
     */
    public ImageRecord importRootfs(Path tarOrDir, String reference, UnaryOperator<ImageConfig> changes, String message)
            throws IOException {
        if (Files.isDirectory(tarOrDir)) {
            validate(reference);
            ContentSize size = new ContentSize();
            Descriptor layer = store.blobs().write(MediaTypes.OCI_LAYER,
                    out -> LayerWriter.of(WriterOptions.defaults()).writeDirectory(tarOrDir, out, size));
            store.layerSizes().record(layer.digest(), size.total());
            store.layers().diffs(List.of(layer.digest()));
            store.layers().keepAsSplit(List.of(layer.digest()));
            return commit(layer, tarOrDir.toString(), reference, changes, message);
        }
        try (InputStream in = Files.newInputStream(tarOrDir)) {
            return importTar(in, tarOrDir.toString(), reference, changes, message);
        }
    }

    /** Imports a tar read from a stream (stdin for {@code jbuild import -}); {@code source} names it in the history. */
    public ImageRecord importTar(InputStream in, String source, String reference, UnaryOperator<ImageConfig> changes,
                                 String message) throws IOException {
        validate(reference);
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        InputStream tar = CompressionStreams.decompressing(CompressionStreams.sniff(buffered), buffered);
        Descriptor layer = store.blobs().put(tar, MediaTypes.OCI_LAYER);
        store.layers().diffs(List.of(layer.digest()));
        store.layers().keepAsSplit(List.of(layer.digest())); // the snapshot holds its files: no second copy
        return commit(layer, source, reference, changes, message);
    }

    private ImageRecord commit(Descriptor layer, String source, String reference, UnaryOperator<ImageConfig> changes,
                               String message) throws IOException {
        Instant now = Instant.now();
        String comment = message == null || message.isEmpty() ? "Imported from " + source : message;
        ImageConfig config = ImageConfig.empty(Platform.host())
                .withCreated(now)
                .withLayer(layer.digest(), new HistoryEntry(now, "", "", comment, false));
        config = changes.apply(config);
        return store.writeImage(config, List.of(layer), reference == null ? List.of() : List.of(reference));
    }

    private static void validate(String reference) {
        if (reference != null) {
            Reference ref = Reference.parse(reference);
            if (ref.isDigested()) {
                throw new InvalidReferenceException(reference, "refusing to create a tag with a digest reference");
            }
        }
    }
}
