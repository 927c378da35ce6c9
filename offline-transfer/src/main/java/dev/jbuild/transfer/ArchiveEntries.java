package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarWriter;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of an archive before it is written, sorted by name (the order Docker's tar of its export
 * directory has): blobs from the store, streamed when written, and small documents held as bytes. A
 * blob added twice is one entry.
 */
final class ArchiveEntries {
    /** Where an entry's bytes come from. */
    private sealed interface Source permits Bytes, StoredBlob, TempFile {
        long size();
    }

    private record Bytes(byte[] data) implements Source {
        @Override
        public long size() {
            return data.length;
        }
    }

    private record StoredBlob(Descriptor descriptor) implements Source {
        @Override
        public long size() {
            return descriptor.size();
        }
    }

    private record TempFile(java.nio.file.Path file, long size) implements Source {
    }

    /** Fixed modes, owner 0:0 and mtime 0: the same content always gives the same archive bytes. */
    private static final int FILE_MODE = 0644;
    private static final int DIRECTORY_MODE = 0755;

    private final TreeMap<String, Source> entries = new TreeMap<>();

    void addStoredBlob(Descriptor descriptor) {
        entries.putIfAbsent(ArchiveNames.blobPath(descriptor.digest()), new StoredBlob(descriptor));
    }

    /** A blob whose bytes are at hand (a new manifest, a signature); its name is its digest. */
    Digest addBlob(byte[] data) {
        Digest digest = Digest.of(data);
        entries.putIfAbsent(ArchiveNames.blobPath(digest), new Bytes(data));
        return digest;
    }

    /** A blob written to a temporary file (an encrypted layer), streamed from there. */
    void addTempBlob(Descriptor descriptor, java.nio.file.Path file) {
        entries.putIfAbsent(ArchiveNames.blobPath(descriptor.digest()), new TempFile(file, descriptor.size()));
    }

    void addFile(String name, byte[] data) {
        entries.put(name, new Bytes(data));
    }

    private static void directory(TarWriter tar, String name) throws IOException {
        tar.beginEntry(TarHeader.directory(name, DIRECTORY_MODE, 0));
        tar.endEntry();
    }

    /** Writes the whole archive; every stored blob is verified as it streams (a corrupt one fails the save). */
    long writeTo(OutputStream out, ImageStore store) throws IOException {
        TarWriter tar = new TarWriter(out);
        directory(tar, ArchiveNames.BLOBS_DIR);
        directory(tar, ArchiveNames.SHA256_DIR);
        for (Map.Entry<String, Source> entry : entries.entrySet()) {
            Source source = entry.getValue();
            TarHeader header = TarHeader.regularFile(entry.getKey(), source.size(), FILE_MODE, 0);
            if (source instanceof Bytes bytes) {
                tar.entry(header, sink -> sink.write(bytes.data()));
            } else if (source instanceof TempFile temp) {
                tar.entry(header, sink -> {
                    try (InputStream in = java.nio.file.Files.newInputStream(temp.file())) {
                        in.transferTo(sink);
                    }
                });
            } else if (source instanceof StoredBlob blob) {
                tar.entry(header, sink -> {
                    try (InputStream in = store.blobs().open(blob.descriptor())) {
                        in.transferTo(sink); // to the end: that is where the digest is checked
                    }
                });
            }
        }
        tar.finish();
        out.flush();
        return tar.written();
    }
}
