package dev.jbuild.registry;

import dev.jbuild.imagespec.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Turns a layer into what is pushed in its place ({@code push --encrypt}: the layer encrypted as OCI
 * image encryption says). The CLI supplies it, so that the registry client knows no cryptography.
 */
@FunctionalInterface
public interface LayerSealer {
    /**
     * @param plain the layer's bytes as the store holds them
     * @param layer its descriptor
     * @param file where to write the sealed bytes
     * @return the sealed blob's descriptor (media type, digest and size of {@code file}, annotations)
     */
    Descriptor seal(InputStream plain, Descriptor layer, Path file) throws IOException;
}
