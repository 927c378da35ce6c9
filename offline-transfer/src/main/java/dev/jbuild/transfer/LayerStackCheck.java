package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.ApplyResult;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.MalformedLayerException;
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

/**
 * Proves each image's layers safe and intact before anything is loaded: the layers are unpacked in
 * order, with layer-tar's {@link LayerApplier} (the code that unpacks them for real later), into a
 * scratch directory of the store's temp area that is deleted afterwards. That checks every diff ID
 * (the digest of the uncompressed tar), refuses every entry that would reach outside the root
 * ({@code ..}, absolute names, hardlink escapes, whiteouts of a parent) and, stricter than unpacking a
 * trusted local layer, any entry whose path goes through a symlink (the way a crafted archive would
 * write through {@code link -> /etc}); layers that tools produce from a file system diff never do
 * that. Compressed layers are inflated under the {@link ExpansionLimit}.
 *
 * <p>The unpacked tree is the one the store would make for the image, so load keeps it as the
 * image's snapshot ({@code LayerStore.adoptSnapshot}) instead of unpacking again on first use. When
 * the store already has the snapshot of the same layer stack, the layers' contents are known (a diff
 * ID is a digest of the whole tar), so only their digests are checked.
 */
final class LayerStackCheck {
    private final ImageStore store;
    private final ExpansionLimit limit;
    private final java.util.Map<Digest, Long> contentSizes = new java.util.HashMap<>();

    LayerStackCheck(ImageStore store, ExpansionLimit limit) {
        this.store = store;
        this.limit = limit;
    }

    /**
     * Unpacks the image's layers into a new {@code rootfs} directory of the store's temp area.
     *
     * @return that directory, alone in its parent; null for an image without layers
     */
    Path check(ImageCandidate image) throws IOException {
        if (image.layers().isEmpty()) {
            return null;
        }
        if (store.layers().snapshot(LayerStore.chainId(image.config().diffIds())).isPresent()) {
            for (LayerCandidate layer : image.layers()) {
                verifyDigest(image, layer);
            }
            return null;
        }
        Path work = store.newTempDirectory("load-check");
        Path staging = store.newTempDirectory("load-staging");
        boolean passed = false;
        try {
            Path rootfs = Files.createDirectory(work.resolve("rootfs"));
            ApplyOptions options = new ApplyOptions(store.options().keepOwnership(), SymlinkTraversal.REFUSE, staging);
            for (LayerCandidate layer : image.layers()) {
                apply(image, layer, rootfs, options);
            }
            passed = true;
            return rootfs;
        } finally {
            FileTrees.delete(staging);
            if (!passed) {
                FileTrees.delete(work);
            }
        }
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
