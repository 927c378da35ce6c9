package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Platform;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * How {@code save} writes layers and whether it signs.
 *
 * <p>The default is gzip: Docker 25 writes layers uncompressed, but every {@code docker load},
 * skopeo, podman and containerd reads gzip layers in both halves of the archive, a sealed appliance
 * travels as a file where size matters, and the compressed blobs are cached in the store so only the
 * first save of a layer pays for compression. {@code none} writes exactly what Docker 25 writes.
 *
 * @param signingKey null to write no signatures
 * @param recipients when not empty, every layer is encrypted for them (ocicrypt); the config is not
 * @param platform null for the image each name stands for; else that platform's image of each name
 *     ({@code save --platform}), which must be in the store
 */
public record SaveOptions(Compression compression, PrivateKey signingKey,
                          java.util.List<dev.jbuild.transfer.crypt.Recipient> recipients, Platform platform) {
    public static final Compression DEFAULT_COMPRESSION = Compression.GZIP;

    public SaveOptions {
        Objects.requireNonNull(compression, "compression");
        recipients = java.util.List.copyOf(recipients);
    }

    public SaveOptions(Compression compression, PrivateKey signingKey) {
        this(compression, signingKey, java.util.List.of(), null);
    }

    public static SaveOptions defaults() {
        return new SaveOptions(DEFAULT_COMPRESSION, null);
    }

    public SaveOptions withCompression(Compression value) {
        return new SaveOptions(value, signingKey, recipients, platform);
    }

    public SaveOptions withSigningKey(PrivateKey value) {
        return new SaveOptions(compression, value, recipients, platform);
    }

    public SaveOptions withRecipients(java.util.List<dev.jbuild.transfer.crypt.Recipient> value) {
        return new SaveOptions(compression, signingKey, value, platform);
    }

    public SaveOptions withPlatform(Platform value) {
        return new SaveOptions(compression, signingKey, recipients, value);
    }
}
