package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.JsonFields;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compressed variants of uncompressed layer blobs, made once when something needs them (save,
 * push) and kept: {@code compressed/<algorithm>/<uncompressed hex>} maps a layer's diff ID to the
 * blob holding its compressed form, itself an ordinary blob of the {@link BlobStore}.
 *
 * <p>The same mapping records compressed blobs that arrived from elsewhere ({@link #register}),
 * so that an image loaded with gzip layers is saved again with the very same blobs and digests.
 * A variant is kept while its uncompressed source is kept.
 */
public final class CompressedBlobCache {
    private final StoreLayout layout;
    private final StoreSession session;
    private final BlobStore blobs;

    CompressedBlobCache(StoreLayout layout, StoreSession session, BlobStore blobs) {
        this.layout = layout;
        this.session = session;
        this.blobs = blobs;
    }

    /**
     * The layer {@code uncompressed} in the given compression, compressing and caching it on first
     * use. {@link Compression#NONE} describes the uncompressed blob itself.
     *
     * @throws UnsupportedCompressionException when zstd's native library cannot be loaded
     * @throws BlobNotFoundException when the uncompressed layer is not in the store
     */
    public Descriptor compressed(Digest uncompressed, Compression compression) throws IOException {
        if (compression == Compression.NONE) {
            return new Descriptor(MediaTypes.OCI_LAYER, uncompressed, blobs.size(uncompressed));
        }
        Optional<Descriptor> cached = cached(uncompressed, compression);
        if (cached.isPresent() && blobs.touch(cached.get().digest())) {
            return cached.get();
        }
        Descriptor made;
        try (InputStream in = blobs.open(uncompressed)) {
            made = blobs.write(MediaTypes.ociLayer(compression), out -> {
                OutputStream compressing = CompressionStreams.compressing(compression, new NonClosing(out));
                in.transferTo(compressing); // to the end: the source is verified before the variant is published
                compressing.close();
            });
        }
        register(uncompressed, compression, made);
        return made;
    }

    /**
     * Makes sure the uncompressed layer {@code diffId} is in the store, decompressing the compressed
     * blob {@code variant} (already in the store) into it when it is not; what save needs before it
     * can write a layer that arrived compressed in another compression, or uncompressed.
     *
     * @throws BlobCorruptedException when the variant does not decompress to {@code diffId}
     */
    public Descriptor uncompressed(Digest diffId, Descriptor variant) throws IOException {
        if (blobs.touch(diffId)) {
            return new Descriptor(MediaTypes.OCI_LAYER, diffId, blobs.size(diffId));
        }
        Compression compression = MediaTypes.layerCompression(variant.mediaType());
        Descriptor made;
        try (InputStream raw = blobs.open(variant); InputStream in = CompressionStreams.decompressing(compression, raw)) {
            made = blobs.put(in, MediaTypes.OCI_LAYER, diffId, -1);
            raw.transferTo(OutputStream.nullOutputStream()); // verifies the variant too
        }
        if (compression != Compression.NONE) {
            register(diffId, compression, variant);
        }
        return made;
    }

    /**
     * The layer as a blob of exactly {@code target} compression, for an output (save, push): the stored
     * blob when it has that compression already, else the cached variant, made now if it never was
     * (decompressing a layer that arrived in another compression first).
     *
     * @param stored the layer blob as the image's manifest names it
     * @param diffId the layer's diff ID
     */
    public Descriptor variant(Descriptor stored, Digest diffId, Compression target) throws IOException {
        Compression has = MediaTypes.layerCompression(stored.mediaType());
        if (has == target && blobs.touch(stored.digest())) {
            return new Descriptor(MediaTypes.ociLayer(target), stored.digest(), stored.size());
        }
        Descriptor plain = uncompressed(diffId, stored);
        return target == Compression.NONE ? plain : compressed(diffId, target);
    }

    /** The cached variant, if one was made or registered and its blob is still there. */
    public Optional<Descriptor> cached(Digest uncompressed, Compression compression) throws IOException {
        Path mapping = layout.compressedMapping(compression, uncompressed);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(mapping);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Digest target = parseTarget(bytes, mapping);
        if (!blobs.has(target)) {
            return Optional.empty();
        }
        return Optional.of(new Descriptor(MediaTypes.ociLayer(compression), target, blobs.size(target)));
    }

    /**
     * Records that the blob {@code compressed} (already in the store) is {@code uncompressed} in
     * {@code compression}; whoever registers it has checked that it decompresses to that diff ID.
     */
    public void register(Digest uncompressed, Compression compression, Descriptor compressed) throws IOException {
        registerAll(List.of(new Variant(uncompressed, compression, compressed)));
    }

    /** A compressed blob already in the store and the layer it holds, for {@link #registerAll}. */
    public record Variant(Digest uncompressed, Compression compression, Descriptor compressed) {
        public Variant {
            if (compression == Compression.NONE) {
                throw new IllegalArgumentException("an uncompressed blob is not a compressed variant");
            }
        }
    }

    /**
     * {@link #register} for the layers of a whole image at once (a pull): one sync of the mapping
     * directory for all of them rather than one each.
     */
    public void registerAll(List<Variant> variants) throws IOException {
        List<AtomicFiles.Write> writes = new ArrayList<>();
        for (Variant variant : variants) {
            ObjectNode obj = CanonicalJson.object();
            obj.put("algorithm", variant.compression().label());
            obj.put("digest", variant.compressed().digest().value());
            obj.put("size", variant.compressed().size());
            obj.put("uncompressed", variant.uncompressed().value());
            writes.add(new AtomicFiles.Write(session.newPath("compressed"),
                    layout.compressedMapping(variant.compression(), variant.uncompressed()), CanonicalJson.bytes(obj)));
        }
        AtomicFiles.writeAll(writes);
    }

    /**
     * Registers {@code variant} (a compressed blob already in the store) as the layer {@code diffId}
     * after checking that it decompresses to exactly that: for a blob whose claim to be that layer
     * came from somewhere that is not trusted (a shared build cache).
     *
     * @throws BlobCorruptedException when it decompresses to something else (nothing is registered)
     */
    public void registerVerified(Digest diffId, Descriptor variant) throws IOException {
        Compression compression = MediaTypes.layerCompression(variant.mediaType());
        if (compression == Compression.NONE) {
            if (!variant.digest().equals(diffId)) {
                throw new BlobCorruptedException(diffId, variant.digest());
            }
            return;
        }
        java.security.MessageDigest sha = dev.jbuild.platform.Sha256.newDigest();
        try (InputStream raw = blobs.open(variant); InputStream tar = CompressionStreams.decompressing(compression, raw)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = tar.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BlobCorruptedException(diffId, variant.digest());
        }
        Digest actual = Digest.finish(sha);
        if (!actual.equals(diffId)) {
            throw new BlobCorruptedException(diffId, actual);
        }
        register(diffId, compression, variant);
    }

    /** Every mapping of one algorithm: uncompressed digest → compressed digest. Unreadable mappings are skipped. */
    Map<Digest, Digest> mappings(Compression compression) throws IOException {
        Map<Digest, Digest> out = new TreeMap<>();
        Path dir = layout.compressedDir(compression);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!Digest.isHex(name)) {
                    continue;
                }
                try {
                    out.put(Digest.ofHex(name), parseTarget(Files.readAllBytes(file), file));
                } catch (StoreCorruptedException | NoSuchFileException e) {
                    // reported by StoreCheck, removed by Prune
                }
            }
        }
        return out;
    }

    static Digest parseTarget(byte[] bytes, Path mapping) {
        try {
            JsonNode obj = JsonFields.object(bytes, "compression mapping");
            return Digest.parse(JsonFields.text(obj, "digest"));
        } catch (StoreException | ImageSpecException e) {
            throw new StoreCorruptedException("compression mapping " + mapping + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Lets a compressor's close() finish its format without closing the blob file underneath. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
