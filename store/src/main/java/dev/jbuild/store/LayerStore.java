package dev.jbuild.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.ApplyResult;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.MalformedLayerException;
import dev.jbuild.layertar.UnsafeEntryException;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Unpacked layer chains: {@code snapshots/<chain ID hex>/rootfs} is the file system of a layer with
 * every layer below it applied, made once and reused (the executor mounts them as overlay lower
 * directories; export reads them).
 *
 * <p>A snapshot is made in this process's temp area: a copy of its parent's rootfs (or an empty
 * directory for the bottom layer), the layer applied on top with layer-tar's {@link LayerApplier},
 * a {@code snapshot.json} beside it, a {@code syncfs}, then one rename into {@code snapshots/}. The
 * copy is a real copy, {@code cp -a --reflink=auto}: a hardlink farm would be cheaper, but applying a
 * layer changes modes, owners and times of existing files in place, which would change the parent
 * through the shared inodes; with reflinks (btrfs, XFS) the copy costs no data blocks anyway.
 */
public final class LayerStore {
    static final String ROOTFS = "rootfs";
    static final String META = "snapshot.json";

    private final StoreLayout layout;
    private final StoreSession session;
    private final StoreLock lock;
    private final StoreOptions options;
    private final BlobStore blobs;
    private final CompressedBlobCache compressed;
    private final LayerSizes sizes;

    LayerStore(StoreLayout layout, StoreSession session, StoreLock lock, StoreOptions options, BlobStore blobs,
               CompressedBlobCache compressed, LayerSizes sizes) {
        this.layout = layout;
        this.session = session;
        this.lock = lock;
        this.options = options;
        this.blobs = blobs;
        this.compressed = compressed;
        this.sizes = sizes;
    }

    /**
     * The OCI chain ID of a stack of layers: ChainID(L0) = DiffID(L0), ChainID(Ln) =
     * sha256(ChainID(Ln-1) + " " + DiffID(Ln)), digests written in full ({@code sha256:...}).
     */
    public static Digest chainId(List<Digest> diffIds) {
        List<Digest> chain = chainIds(diffIds);
        return chain.get(chain.size() - 1);
    }

    /** The chain ID of every prefix of the stack, bottom first. */
    public static List<Digest> chainIds(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            throw new IllegalArgumentException("a chain ID needs at least one layer");
        }
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = diffIds.get(0);
        out.add(chain);
        for (int i = 1; i < diffIds.size(); i++) {
            chain = Digest.of(chain.value() + " " + diffIds.get(i).value());
            out.add(chain);
        }
        return out;
    }

    /** The rootfs of an existing snapshot, marked as in use by this process. */
    public Optional<Path> snapshot(Digest chainId) throws IOException {
        try (StoreLock.Held held = lock.shared(options)) {
            Path dir = layout.snapshot(chainId);
            Path meta = dir.resolve(META);
            if (!Files.isRegularFile(meta)) {
                return Optional.empty();
            }
            Files.setLastModifiedTime(meta, FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(dir.resolve(ROOTFS));
        }
    }

    /**
     * The rootfs of the stack of uncompressed layers with these diff IDs, unpacking what is missing.
     * Each layer is read from the blob stored under its diff ID, or else from a registered compressed
     * variant.
     */
    public Path snapshot(List<Digest> diffIds) throws IOException {
        List<LayerSource> sources = new ArrayList<>(diffIds.size());
        for (Digest diffId : diffIds) {
            sources.add(new LayerSource(diffId, blobFor(diffId)));
        }
        return ensure(sources);
    }

    /** The rootfs of an image, unpacking from its manifest's layer blobs (compressed or not). */
    public Path snapshot(ImageRecord image) throws IOException {
        List<Digest> diffIds = image.diffIds();
        List<Descriptor> layers = image.manifest().layers();
        if (diffIds.size() != layers.size()) {
            throw new InvalidImageException("image " + image.shortId() + " has " + layers.size() + " layers but "
                    + diffIds.size() + " diff_ids");
        }
        List<LayerSource> sources = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            sources.add(new LayerSource(diffIds.get(i), layers.get(i)));
        }
        return ensure(sources);
    }

    /**
     * Makes an unpacked tree the snapshot of the layer stack {@code diffIds}, unless the store has that
     * snapshot already: for {@code load}, which unpacks every layer with layer-tar's applier to check
     * it, and so leaves the image ready to run as Docker's load does. {@code rootfs} must be a
     * directory named {@value #ROOTFS} alone in a directory of this process's temp area
     * ({@link ImageStore#newTempDirectory}) holding exactly those layers applied in order, with this
     * store's ownership policy; the parent directory is moved into the store.
     *
     * @return false when the snapshot existed (the tree is left where it is)
     */
    public boolean adoptSnapshot(List<Digest> diffIds, Path rootfs) throws IOException {
        Path work = rootfs.toAbsolutePath().normalize().getParent();
        if (!rootfs.getFileName().toString().equals(ROOTFS) || work == null
                || !work.startsWith(session.dir()) || !Files.isDirectory(rootfs)) {
            throw new IllegalArgumentException(rootfs + " is not a " + ROOTFS + " directory in this store's temp area");
        }
        try (Stream<Path> children = Files.list(work)) {
            if (children.count() != 1) {
                throw new IllegalArgumentException(work + " holds more than " + ROOTFS);
            }
        }
        List<Digest> chain = chainIds(diffIds);
        Digest chainId = chain.get(chain.size() - 1);
        if (snapshot(chainId).isPresent()) {
            return false;
        }
        ObjectNode meta = CanonicalJson.object();
        meta.put("chainId", chainId.value());
        meta.put("diffId", diffIds.get(diffIds.size() - 1).value());
        if (chain.size() > 1) {
            meta.put("parent", chain.get(chain.size() - 2).value());
        }
        Files.write(work.resolve(META), CanonicalJson.bytes(meta));
        syncFileSystem(work);
        try (StoreLock.Held held = lock.shared(options)) {
            return AtomicFiles.publishDirectoryIfAbsent(work, layout.snapshot(chainId));
        }
    }

    /** Every snapshot's chain ID. */
    public List<Digest> snapshots() throws IOException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(layout.snapshotsDir())) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(layout.snapshotsDir())) {
            dirs.map(d -> d.getFileName().toString()).filter(Digest::isHex).map(Digest::ofHex).forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** Deletes a snapshot; returns the bytes freed. */
    public long deleteSnapshot(Digest chainId) throws IOException {
        try (StoreLock.Held held = lock.exclusive(options)) {
            return deleteSnapshotLocked(chainId);
        }
    }

    long deleteSnapshotLocked(Digest chainId) throws IOException {
        Path dir = layout.snapshot(chainId);
        if (!Files.exists(dir)) {
            return 0;
        }
        // Renamed away first, so that a reader never sees a half-deleted snapshot under its name.
        Path doomed = session.newPath("doomed-snapshot");
        Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(layout.snapshotsDir());
        return FileTrees.delete(doomed);
    }

    private Descriptor blobFor(Digest diffId) throws IOException {
        if (blobs.has(diffId)) {
            return new Descriptor(MediaTypes.OCI_LAYER, diffId, blobs.size(diffId));
        }
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Optional<Descriptor> variant = compressed.cached(diffId, compression);
            if (variant.isPresent()) {
                return variant.get();
            }
        }
        throw new BlobNotFoundException(diffId);
    }

    private Path ensure(List<LayerSource> layers) throws IOException {
        List<Digest> chain = chainIds(layers.stream().map(LayerSource::diffId).toList());
        int top = chain.size() - 1;
        Optional<Path> existing = snapshot(chain.get(top));
        if (existing.isPresent()) {
            return existing.get();
        }
        // Find the highest snapshot already made, then build upwards from it.
        int base = top - 1;
        Path parent = null;
        while (base >= 0) {
            Optional<Path> found = snapshot(chain.get(base));
            if (found.isPresent()) {
                parent = found.get();
                break;
            }
            base--;
        }
        for (int i = base + 1; i <= top; i++) {
            parent = create(chain.get(i), i == 0 ? null : chain.get(i - 1), parent, layers.get(i));
        }
        return parent;
    }

    private Path create(Digest chainId, Digest parentChain, Path parentRootfs, LayerSource layer) throws IOException {
        Path work = session.newDirectory("snapshot");
        Path staging = session.newDirectory("staging");
        try {
            Path rootfs = work.resolve(ROOTFS);
            if (parentRootfs == null) {
                Files.createDirectory(rootfs);
            } else {
                copyTree(parentRootfs, rootfs);
            }
            apply(layer, rootfs, staging);
            ObjectNode meta = CanonicalJson.object();
            meta.put("chainId", chainId.value());
            meta.put("diffId", layer.diffId().value());
            if (parentChain != null) {
                meta.put("parent", parentChain.value());
            }
            Files.write(work.resolve(META), CanonicalJson.bytes(meta));
            syncFileSystem(work);
            boolean published;
            try (StoreLock.Held held = lock.shared(options)) {
                published = AtomicFiles.publishDirectoryIfAbsent(work, layout.snapshot(chainId));
            }
            if (!published) {
                FileTrees.delete(work); // another process made the same snapshot first
            }
            return snapshot(chainId).orElseThrow(() -> new StoreCorruptedException("snapshot " + chainId
                    + " vanished right after it was made"));
        } finally {
            FileTrees.delete(staging);
            FileTrees.delete(work);
        }
    }

    private void apply(LayerSource layer, Path rootfs, Path staging) throws IOException {
        ApplyOptions applyOptions = new ApplyOptions(options.keepOwnership()).withStagingParent(staging);
        Compression compression = MediaTypes.layerCompression(layer.blob().mediaType());
        try (InputStream raw = blobs.open(layer.blob()); InputStream tar = CompressionStreams.decompressing(compression, raw)) {
            ApplyResult result = LayerApplier.of(applyOptions).apply(tar, rootfs);
            tar.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream()); // the end of the blob is where it is verified
            Digest actual = result.digest().digest();
            if (!actual.equals(layer.diffId())) {
                throw new BlobCorruptedException(layer.diffId(), actual);
            }
            sizes.record(layer.diffId(), result.contentSize()); // counted on the way: no second reading
        } catch (UnsafeEntryException e) {
            requireIntact(layer.blob());
            throw new LayerRejectedException("layer " + layer.diffId() + " was refused: " + e.getMessage(), e);
        } catch (MalformedLayerException | java.util.zip.ZipException e) {
            requireIntact(layer.blob());
            throw new LayerRejectedException("layer " + layer.diffId() + " is not a valid tar: " + e.getMessage(), e);
        }
    }

    /** A stored layer that does not unpack may simply be damaged on disk; say so rather than blame the layer. */
    private void requireIntact(Descriptor blob) throws IOException {
        Digest actual = blobs.verify(blob.digest());
        if (actual != null) {
            throw new BlobCorruptedException(blob.digest(), actual);
        }
    }

    /** {@code cp -a}: hardlinks, owners, modes, times, xattrs and sparse files as they are. */
    static void copyTree(Path from, Path to) throws IOException {
        run(List.of("cp", "-a", "--reflink=auto", "--", from.toString(), to.toString()), "copying " + from);
    }

    /** One syncfs for the whole tree: fsyncing each file of a large rootfs would be far slower. */
    private static void syncFileSystem(Path dir) throws IOException {
        run(List.of("sync", "-f", dir.toString()), "syncing " + dir);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] errors = process.getErrorStream().readAllBytes();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(what + " failed (" + String.join(" ", command) + ", exit " + exit + "): "
                        + new String(errors, StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what + " was interrupted");
        }
    }

    /** One layer to unpack: its diff ID and the blob (possibly compressed) that holds it. */
    private record LayerSource(Digest diffId, Descriptor blob) {
    }
}
