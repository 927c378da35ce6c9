package dev.jbuild.analysis;

import dev.jbuild.platform.FileTrees;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.ImageLoader;
import dev.jbuild.transfer.InvalidArchiveException;
import dev.jbuild.transfer.LoadOptions;
import dev.jbuild.transfer.LoadedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An image named on the command line: a name or ID in the store, or an archive file ({@code jbuild
 * save}, {@code docker save}, an OCI archive), loaded and checked into a throw-away store that goes
 * when this is closed.
 */
public final class ImageInput implements AutoCloseable {
    private final String name;
    private final ImageStore store;
    private final ImageRecord image;
    private final Path scratchStore;

    private ImageInput(String name, ImageStore store, ImageRecord image, Path scratchStore) {
        this.name = name;
        this.store = store;
        this.image = image;
        this.scratchStore = scratchStore;
    }

    /** An image of the store, already found. */
    public static ImageInput of(ImageStore store, String name, ImageRecord image) {
        return new ImageInput(name, store, image, null);
    }

    /**
     * @param text an image name, ID or ID prefix of {@code store}, or the path of an archive file
     * @throws dev.jbuild.store.ImageNotFoundException when it is neither
     * @throws InvalidArchiveException when the file is not an image archive, or holds several images
     */
    public static ImageInput open(ImageStore store, String text) throws IOException {
        Path file = Path.of(text);
        if (!Files.isRegularFile(file)) {
            return new ImageInput(text, store, store.image(text), null);
        }
        Path scratch = store.newTempDirectory("image-input");
        ImageStore archiveStore = null;
        try {
            archiveStore = ImageStore.open(scratch);
            List<LoadedImage> loaded;
            try (InputStream in = Files.newInputStream(file)) {
                loaded = new ImageLoader(archiveStore).load(in, LoadOptions.defaults());
            }
            if (loaded.size() != 1) {
                throw new InvalidArchiveException(text + " holds " + loaded.size()
                        + " images; save the one to compare on its own");
            }
            ImageRecord image = archiveStore.image(loaded.get(0).id().value());
            return new ImageInput(text, archiveStore, image, scratch);
        } catch (IOException | RuntimeException e) {
            if (archiveStore != null) {
                archiveStore.close();
            }
            FileTrees.delete(scratch);
            throw e;
        }
    }

    /** As the user named it. */
    public String name() {
        return name;
    }

    public ImageRecord image() {
        return image;
    }

    public ImageStore store() {
        return store;
    }

    public ImageLayers layers() {
        return new ImageLayers(store, image);
    }

    @Override
    public void close() throws IOException {
        if (scratchStore != null) {
            store.close();
            FileTrees.delete(scratchStore);
        }
    }
}
