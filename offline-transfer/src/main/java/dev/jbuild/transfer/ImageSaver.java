package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code save}: images of the store as one tarball that is at once an OCI image layout
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/}) and a {@code docker save} archive
 * ({@code manifest.json}, {@code repositories}), the layout Docker 25+ writes, with every blob stored
 * once. The tar is deterministic: the same images, compression and key give the same bytes.
 *
 * <p>Nothing is buffered but the small JSON documents: layers are compressed into the store's cache
 * first (tar headers need sizes), then streamed from it.
 */
public final class ImageSaver {
    private static final int OUTPUT_BUFFER = 1 << 20;

    private final ImageStore store;

    public ImageSaver(ImageStore store) {
        this.store = store;
    }

    /**
     * Writes the images {@code names} stands for to {@code out} (flushed, not closed).
     *
     * @throws dev.jbuild.store.ImageNotFoundException when a name matches no image
     */
    public SaveResult save(List<String> names, SaveOptions options, OutputStream out) throws IOException {
        List<SelectedImage> selected = SaveSelection.resolve(store, names, options.platform());
        Set<LayerOutputs.Layer> layers = new LinkedHashSet<>();
        selected.forEach(image -> layers.addAll(LayerOutputs.layersOf(image.image())));
        Map<LayerOutputs.Layer, Descriptor> prepared =
                new LayerOutputs(store, options.compression()).prepare(new ArrayList<>(layers));

        ArchiveEntries entries = new ArchiveEntries();
        Map<LayerOutputs.Layer, Descriptor> outputs = options.recipients().isEmpty() ? prepared
                : new EncryptedLayers(store, options.recipients()).encrypt(prepared, entries);
        List<SavedImage> saved = new ArrayList<>();
        Map<SavedImage, String> topDiffIds = new IdentityHashMap<>();
        List<Descriptor> index = new ArrayList<>();
        for (SelectedImage selection : selected) {
            ImageRecord image = selection.image();
            List<Descriptor> written = new ArrayList<>();
            LayerOutputs.layersOf(image).forEach(layer -> written.add(outputs.get(layer)));
            Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, image.id(), image.manifest().config().size());
            store.blobs().touch(image.id());
            entries.addStoredBlob(config);
            written.forEach(entries::addStoredBlob); // encrypted ones were added as temp files already
            Descriptor manifest = manifestFor(image, config, written, entries);
            SavedImage savedImage = new SavedImage(image.id(), selection.tags(), manifest, config, written,
                    image.config().platform());
            saved.add(savedImage);
            if (!image.diffIds().isEmpty()) {
                topDiffIds.put(savedImage, image.diffIds().get(image.diffIds().size() - 1).hex());
            }
            index.addAll(ArchiveDocuments.indexEntries(savedImage));
        }
        List<SavedImage> artifacts = new ArrayList<>();
        for (int i = 0; i < saved.size(); i++) {
            for (SavedImage artifact : ReferrerArtifacts.add(store, selected.get(i).image(), saved.get(i), entries)) {
                artifacts.add(artifact);
                index.add(artifact.manifest());
            }
        }
        if (options.signingKey() != null) {
            for (SavedImage image : saved) {
                index.add(SignatureImage.add(image, options.signingKey(), entries));
            }
            for (SavedImage artifact : artifacts) {
                index.add(SignatureImage.add(artifact, options.signingKey(), entries));
            }
        }
        entries.addFile(ArchiveNames.INDEX, ArchiveDocuments.index(index));
        entries.addFile(ArchiveNames.MANIFEST, ArchiveDocuments.dockerManifest(saved));
        entries.addFile(ArchiveNames.OCI_LAYOUT, ArchiveNames.OCI_LAYOUT_CONTENT);
        byte[] repositories = ArchiveDocuments.repositories(saved, topDiffIds);
        if (repositories != null) {
            entries.addFile(ArchiveNames.REPOSITORIES, repositories);
        }
        long size = entries.writeTo(out, store);
        return new SaveResult(saved, options.compression(), size);
    }

    /**
     * Saves to a file: written beside it under a hidden temp name, synced, then renamed over
     * {@code target}, so that a failed or killed save never leaves a partial archive under that name
     * (a killed one leaves the hidden temp file, {@code .<name>.jbuild-save-<pid>}: the next save to the
     * same name removes it once its process is gone, and so does prune, which finds it registered in the
     * killed process's temp area).
     */
    public SaveResult saveToFile(List<String> names, SaveOptions options, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        AbandonedSaves.remove(absolute);
        Path temp = AbandonedSaves.tempFor(absolute, ProcessHandle.current().pid());
        store.registerExternalTemp(temp);
        try {
            SaveResult result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), OUTPUT_BUFFER)) {
                result = save(names, options, buffered);
                buffered.flush();
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The image's outgoing manifest ({@link ImageStore#outgoingManifest}), added to the archive. */
    private Descriptor manifestFor(ImageRecord image, Descriptor config, List<Descriptor> written,
                                   ArchiveEntries entries) throws IOException {
        ImageStore.OutgoingManifest manifest = store.outgoingManifest(image, written);
        if (manifest.stored()) {
            entries.addStoredBlob(manifest.descriptor());
            return manifest.descriptor();
        }
        return new Descriptor(MediaTypes.OCI_MANIFEST, entries.addBlob(manifest.bytes()), manifest.bytes().length);
    }

    /** What a save wrote. */
    public record SaveResult(List<SavedImage> images, Compression compression, long bytes) {
        public SaveResult {
            images = List.copyOf(images);
        }
    }
}
