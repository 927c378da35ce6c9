package dev.jbuild.registry;

import dev.jbuild.builder.remote.BaseImageSource;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;

/** The builder's {@link BaseImageSource}: FROM images the store lacks are pulled from their registry. */
public final class RegistryBaseImages implements BaseImageSource {
    private final ImagePuller puller;

    public RegistryBaseImages(ImageStore store, Registries registries, TransferListener listener) {
        this.puller = new ImagePuller(store, registries, listener);
    }

    @Override
    public ImageRecord pull(String reference) throws IOException {
        try {
            return puller.pull(Reference.parse(reference)).image();
        } catch (RegistryUnreachableException e) {
            throw new ImageSourceUnreachableException(e.getMessage(), e);
        } catch (RegistryException e) {
            throw new ImageUnavailableException(e.getMessage(), e);
        }
    }
}
