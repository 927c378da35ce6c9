package dev.jbuild.registry;

import dev.jbuild.imagespec.Compression;
import java.util.Objects;

/**
 * How {@code push} sends an image.
 *
 * @param compression what layers the store holds uncompressed are compressed with (gzip, as Docker;
 *     zstd; or none); layers that are compressed already go as they are
 * @param chunkSize upload blobs larger than this in PATCH chunks of this size; 0 for one PUT each
 * @param sealer what each layer is turned into before it goes ({@code --encrypt}), or null to send it as is
 */
public record PushOptions(Compression compression, long chunkSize, LayerSealer sealer) {
    public PushOptions {
        Objects.requireNonNull(compression, "compression");
        if (chunkSize < 0) {
            throw new IllegalArgumentException("negative chunk size");
        }
    }

    public static PushOptions defaults() {
        return new PushOptions(Compression.GZIP, 0, null);
    }

    public PushOptions withCompression(Compression value) {
        return new PushOptions(value, chunkSize, sealer);
    }

    public PushOptions withChunkSize(long value) {
        return new PushOptions(compression, value, sealer);
    }

    public PushOptions withSealer(LayerSealer value) {
        return new PushOptions(compression, chunkSize, value);
    }
}
