package dev.jbuild.builder.remote;

import dev.jbuild.store.ImageRecord;
import java.io.IOException;

/**
 * Where FROM, {@code COPY --from} and {@code RUN --mount from=} get an image the store does not have
 * (or, with {@code --pull}, a newer one): a registry, as the CLI wires it. The builder never imports
 * the registry module; it only knows this port.
 */
@FunctionalInterface
public interface BaseImageSource {
    /**
     * Brings the image {@code reference} names into the store and returns it as stored.
     *
     * @throws ImageUnavailableException when the source cannot give it (the message is the one line
     *     to show: what failed and what to do)
     * @throws ImageSourceUnreachableException when the source cannot be reached at all (the builder
     *     then uses the store's copy, if it has one)
     */
    ImageRecord pull(String reference) throws IOException;

    /** The image cannot be had from the source; the message says why. */
    class ImageUnavailableException extends RuntimeException {
        public ImageUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The source did not answer (no network, registry down). */
    class ImageSourceUnreachableException extends ImageUnavailableException {
        public ImageSourceUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
