package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.store.ImageStore;
import dev.jbuild.transfer.crypt.LayerEncryption;
import dev.jbuild.transfer.crypt.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    Path file = Files.createTempFile(dir, "layer", ".enc");
                    encrypted = LayerEncryption.encryptToFile(in, plain, recipients, file);
                    entries.addTempBlob(encrypted, file);
                }
                done.put(plain, encrypted);
            }
            out.put(entry.getKey(), encrypted);
        }
        return out;
    }
}
