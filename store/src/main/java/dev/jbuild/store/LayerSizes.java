package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each layer's size as Docker counts it ({@link LayerContentSize}), worked out once from the layer's
 * blob and recorded under {@code layer-sizes/<diff ID hex>}: a diff ID names the layer's exact bytes,
 * so the same image has the same sizes however it arrived (build, load, import), and listing images
 * reads one small file per layer instead of reading layers. {@link ImageStore} records the sizes of an
 * image's layers when it stores the image; a store from before the records is filled in on first use.
 */
public final class LayerSizes {
    private static final int BUFFER = 64 * 1024;

    private final StoreLayout layout;
    private final StoreSession session;
    private final BlobStore blobs;
    private final CompressedBlobCache compressed;

    LayerSizes(StoreLayout layout, StoreSession session, BlobStore blobs, CompressedBlobCache compressed) {
        this.layout = layout;
        this.session = session;
        this.blobs = blobs;
        this.compressed = compressed;
    }

    /** The sizes of an image's layers, bottom first. */
    public List<Long> of(ImageRecord image) throws IOException {
        List<Digest> diffIds = image.diffIds();
        List<Descriptor> layers = image.manifest().layers();
        List<Long> sizes = new ArrayList<>(diffIds.size());
        for (int i = 0; i < diffIds.size(); i++) {
            sizes.add(size(diffIds.get(i), i < layers.size() ? layers.get(i) : null));
        }
        return sizes;
    }

    /** The sum of an image's layer sizes: {@code docker images}' SIZE and {@code docker inspect}'s Size. */
    public long total(ImageRecord image) throws IOException {
        return of(image).stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The size of the layer {@code diffId}, read from its record or else from its blob (the
     * uncompressed one, or {@code blob}, or a compressed variant the store knows), and then recorded.
     * A blob that cannot be read as a tar (no tool makes such a layer, and nothing could unpack it)
     * has no content to count: it shows its own byte count, and nothing is recorded.
     *
     * @param blob the layer's blob as a manifest names it (possibly compressed), or null
     */
    public long size(Digest diffId, Descriptor blob) throws IOException {
        Path record = layout.layerSize(diffId);
        try {
            return Long.parseLong(Files.readString(record, StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            // not recorded yet
        } catch (NumberFormatException e) {
            // a damaged record is worked out again
        }
        if (blob != null && MediaTypes.isNonDistributable(blob.mediaType()) && !blobs.has(diffId)
                && !blobs.has(blob.digest())) {
            return blob.size(); // a reference to its URLs: only the manifest's byte count is known
        }
        long size;
        try {
            size = count(diffId, blob);
        } catch (BlobNotFoundException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Commons Compress says "not a tar" in many ways; a size is only shown, so none of them
            // may stop an image from being stored or listed.
            return blobs.has(diffId) ? blobs.size(diffId) : blob == null ? 0 : blob.size();
        }
        record(diffId, size);
        return size;
    }

    /**
     * Records the size of the layer {@code diffId} now when that is cheap: its uncompressed blob is in the
     * store (a scan of its tar headers). A layer held only compressed (pulled) is left to its first
     * unpacking, which counts it anyway, or its first use ({@link #size}): read back from disk and
     * decompressed here, the layers of a 400 MB image cost every pull over a second, as much as the
     * download, for a figure only {@code images} shows.
     */
    public void recordIfCheap(Digest diffId) throws IOException {
        if (!Files.exists(layout.layerSize(diffId)) && blobs.has(diffId)) {
            size(diffId, null);
        }
    }

    /**
     * Records the size of the layer {@code diffId} that whoever read the layer worked out (load reads every
     * layer to check it anyway, so that reading it again for its size is spared).
     *
     * @param size what {@link dev.jbuild.layertar.ContentSize} counted over the layer's exact bytes
     */
    public void record(Digest diffId, long size) throws IOException {
        Path record = layout.layerSize(diffId);
        if (!Files.exists(record)) {
            AtomicFiles.write(session.newPath("layer-size"), record,
                    Long.toString(size).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Counts the layer from its uncompressed blob when the store has it (headers only; its name was
     * checked when it was stored), else from a compressed one, decompressed.
     */
    private long count(Digest diffId, Descriptor blob) throws IOException {
        if (Files.isRegularFile(layout.blob(diffId))) {
            return LayerContentSize.of(layout.blob(diffId)); // reads the headers only
        }
        if (blobs.has(diffId)) { // kept as a split: reassembled as it is read, never copied
            try (InputStream tar = blobs.open(diffId)) {
                return LayerContentSize.of(tar);
            }
        }
        try (InputStream tar = openCompressed(diffId, blob)) {
            return LayerContentSize.of(tar);
        }
    }

    private InputStream openCompressed(Digest diffId, Descriptor blob) throws IOException {
        Descriptor variant = blob != null && blobs.has(blob.digest()) ? blob : variant(diffId)
                .orElseThrow(() -> new BlobNotFoundException(diffId));
        Compression compression = MediaTypes.layerCompression(variant.mediaType());
        InputStream raw = new BufferedInputStream(Files.newInputStream(blobs.path(variant.digest())), BUFFER);
        try {
            return CompressionStreams.decompressing(compression, raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private Optional<Descriptor> variant(Digest diffId) throws IOException {
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Optional<Descriptor> found = compressed.cached(diffId, compression);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
