package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.crypt.LayerEncryption;
import dev.jbuild.transfer.crypt.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code save --encrypt}: each layer the archive would hold, encrypted for the recipients into this
 * process's temp area (tar headers need sizes), and added to the archive from there. The store keeps
 * its plaintext layers; nothing encrypted is ever stored.
 */
final class EncryptedLayers {
    private final ImageStore store;
    private final List<Recipient> recipients;

    EncryptedLayers(ImageStore store, List<Recipient> recipients) {
        this.store = store;
        this.recipients = recipients;
    }

    Map<LayerOutputs.Layer, Descriptor> encrypt(Map<LayerOutputs.Layer, Descriptor> outputs, ArchiveEntries entries)
            throws IOException {
        Path dir = store.newTempDirectory("save-encrypt");
        Map<Descriptor, Descriptor> done = new LinkedHashMap<>();
        Map<LayerOutputs.Layer, Descriptor> out = new LinkedHashMap<>();
        for (Map.Entry<LayerOutputs.Layer, Descriptor> entry : outputs.entrySet()) {
            Descriptor plain = entry.getValue();
            Descriptor encrypted = done.get(plain);
            if (encrypted == null) {
                try (InputStream in = store.blobs().open(plain)) {
                    encrypted = LayerEncryption.encrypt(in, plain, recipients, (mediaType, ciphertext) -> {
                        Path file = Files.createTempFile(dir, "layer", ".enc");
                        MessageDigest sha = dev.jbuild.platform.Sha256.newDigest();
                        long size = 0;
                        byte[] buffer = new byte[1 << 16];
                        try (OutputStream target = Files.newOutputStream(file)) {
                            int n;
                            while ((n = ciphertext.read(buffer)) > 0) {
                                sha.update(buffer, 0, n);
                                target.write(buffer, 0, n);
                                size += n;
                            }
                        }
                        Descriptor written = new Descriptor(mediaType, Digest.finish(sha), size);
                        entries.addTempBlob(written, file);
                        return written;
                    });
                }
                done.put(plain, encrypted);
            }
            out.put(entry.getKey(), encrypted);
        }
        return out;
    }
}
