package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.ApplyResult;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.MalformedLayerException;
import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.SymlinkTraversal;
import dev.jbuild.layertar.UnsafeEntryException;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Proves each image's layers safe and intact before anything is loaded: each layer is unpacked with
 * layer-tar's {@link LayerApplier} in overlay format into an empty directory of its own in the store's
 * temp area (the store's own way of unpacking a layer, so the result becomes the layer's snapshot when
 * the load commits, and is deleted otherwise). That checks every diff ID (the digest of the
 * uncompressed tar) and refuses every entry that would reach outside the directory ({@code ..},
 * absolute names, hardlink escapes) and, stricter than unpacking a trusted local layer, any entry whose
 * path goes through a symlink (the way a crafted archive would write through {@code link -> /etc});
 * layers that tools produce from a file system diff never do that. A layer cannot write through the
 * symlinks of the layers below it, since it is unpacked apart from them; a path it names through one
 * is refused all the same ({@link #requireNoLowerSymlinks}). Compressed layers are inflated under the
 * {@link ExpansionLimit}.
 *
 * <p>When the store already has the snapshot of a layer's chain, the layer's contents are known (a
 * diff ID is a digest of the whole tar), so only its digest is checked.
 */
final class LayerStackCheck {
    private final ImageStore store;
    private final ExpansionLimit limit;
    private final java.util.Map<Digest, Long> contentSizes = new java.util.HashMap<>();
    /** Diffs unpacked by this check, by chain ID: an archive's images often share their lower layers. */
    private final java.util.Map<Digest, Path> unpacked = new java.util.LinkedHashMap<>();

    LayerStackCheck(ImageStore store, ExpansionLimit limit) {
        this.store = store;
        this.limit = limit;
    }

    /** Checks the image's layers, unpacking those whose snapshot the store lacks. */
    void check(ImageCandidate image) throws IOException {
        List<Digest> diffIds = image.config().diffIds();
        if (diffIds.isEmpty()) {
            return;
        }
        List<Digest> chains = LayerStore.chainIds(diffIds);
        List<Path> lowers = new java.util.ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            Digest chain = chains.get(i);
            LayerCandidate layer = image.layers().get(i);
            if (unpacked.containsKey(chain)) {
                lowers.add(unpacked.get(chain));
                continue;
            }
            if (store.layers().has(chain)) {
                verifyDigest(image, layer);
                lowers.add(store.layers().diffDir(chain));
                continue;
            }
            Path diff = store.layers().newDiffDirectory();
            unpacked.put(chain, diff);
            Path staging = store.newTempDirectory("load-staging");
            try {
                ApplyOptions options = new ApplyOptions(store.options().keepOwnership(), SymlinkTraversal.REFUSE, staging)
                        .inOverlayFormat();
                apply(image, layer, diff, options);
            } finally {
                FileTrees.delete(staging);
            }
            if (!lowers.isEmpty()) {
                requireNoLowerSymlinks(image, layer, diff, OverlayStack.of(lowers).root(), "");
            }
            lowers.add(diff);
        }
    }

    /**
     * Refuses a layer that names a path through a symlink of the layers below ({@code escape/x} over
     * {@code escape -> /tmp}): unpacked apart, it only made a directory {@code escape} that hides the
     * link, but a layer meant for a real file system would write through it. Only the layer's own
     * directories are looked at, and only where the layers below have something.
     */
    private void requireNoLowerSymlinks(ImageCandidate image, LayerCandidate layer, Path dir, OverlayStack.Dir below,
                                        String prefix) throws IOException {
        try (java.nio.file.DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (!Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = child.getFileName().toString();
                Path lower = below.entry(name);
                if (lower == null) {
                    continue;
                }
                if (Files.isSymbolicLink(lower)) {
                    throw new InvalidArchiveException("layer " + layer.blob().digest() + " of " + image.displayName()
                            + " was refused: its path goes through the symbolic link '" + prefix + name + "' -> '"
                            + Files.readSymbolicLink(lower) + "' of a layer below");
                }
                OverlayStack.Dir next = below.subdirectory(name);
                if (next != null) {
                    requireNoLowerSymlinks(image, layer, child, next, prefix + name + "/");
                }
            }
        }
    }

    /** Makes the diffs this check unpacked for the image the store's snapshots (those it lacks). */
    void adopt(ImageCandidate image) throws IOException {
        List<Digest> diffIds = image.config().diffIds();
        for (int i = 0; i < diffIds.size(); i++) {
            Digest chain = LayerStore.chainId(diffIds.subList(0, i + 1));
            Path diff = unpacked.get(chain);
            if (diff != null && Files.isDirectory(diff)) {
                store.layers().adopt(diffIds.subList(0, i + 1), diff, true);
            }
        }
    }

    /** Deletes what was unpacked and not adopted. */
    void discard() throws IOException {
        for (Path diff : unpacked.values()) {
            FileTrees.delete(diff.getParent());
        }
        unpacked.clear();
    }

    /**
     * The sizes, as Docker counts them, of the layers {@link #check} unpacked (by diff ID): worked out on the
     * way, for the store to record without reading the layers again.
     */
    java.util.Map<Digest, Long> contentSizes() {
        return java.util.Collections.unmodifiableMap(contentSizes);
    }

    private void verifyDigest(ImageCandidate image, LayerCandidate layer) throws IOException {
        String what = "layer " + layer.blob().digest() + " of " + image.displayName();
        if (layer.compression() == Compression.NONE) {
            requireDiffId(what, layer, layer.blob().digest());
            return;
        }
        try (InputStream raw = layer.blob().open()) {
            ExpansionLimit.CountingInput counted = new ExpansionLimit.CountingInput(raw);
            InputStream tar = limit.guard(CompressionStreams.decompressing(layer.compression(), counted), counted::count, what);
            java.security.MessageDigest sha256 = dev.jbuild.platform.Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = tar.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
            }
            requireDiffId(what, layer, Digest.finish(sha256));
        } catch (java.util.zip.ZipException | com.github.luben.zstd.ZstdIOException | java.io.EOFException e) {
            throw new InvalidArchiveException(what + " is not valid " + layer.compression().label() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void requireDiffId(String what, LayerCandidate layer, Digest actual) {
        if (!actual.equals(layer.diffId())) {
            throw new InvalidArchiveException(what + " is corrupt: expected diff_id " + layer.diffId()
                    + ", got " + actual);
        }
    }

    private void apply(ImageCandidate image, LayerCandidate layer, Path rootfs, ApplyOptions options)
            throws IOException {
        String what = "layer " + layer.blob().digest() + " of " + image.displayName();
        Compression compression = layer.compression();
        try (InputStream raw = layer.blob().open()) {
            ExpansionLimit.CountingInput counted = new ExpansionLimit.CountingInput(raw);
            InputStream tar = compression == Compression.NONE ? counted
                    : limit.guard(CompressionStreams.decompressing(compression, counted), counted::count, what);
            ApplyResult result = LayerApplier.of(options).apply(tar, rootfs);
            tar.transferTo(OutputStream.nullOutputStream());
            requireDiffId(what, layer, result.digest().digest());
            contentSizes.put(layer.diffId(), result.contentSize());
        } catch (UnsafeEntryException e) {
            throw new InvalidArchiveException(what + " was refused: " + e.getMessage(), e);
        } catch (MalformedLayerException e) {
            throw new InvalidArchiveException(what + " is not a valid tar: " + e.getMessage(), e);
        } catch (java.util.zip.ZipException | com.github.luben.zstd.ZstdIOException | java.io.EOFException e) {
            throw new InvalidArchiveException(what + " is not valid " + compression.label() + ": " + e.getMessage(), e);
        }
    }
}
