package dev.jbuild.store;

import dev.jbuild.layertar.ContentSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A layer's size as Docker counts it ({@link ContentSize}), read from a layer tar's headers with Commons
 * Compress: a stream is read to its end, a file's contents are skipped by seeking.
 */
public final class LayerContentSize {
    private LayerContentSize() {
    }

    /**
     * The content size of the uncompressed layer tar {@code in}, read to its end (not closed).
     *
     * @throws IOException when the stream cannot be read, or is not a tar
     */
    public static long of(InputStream in) throws IOException {
        ContentSize size = new ContentSize();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            count(size, entry);
        }
        return size.total();
    }

    /**
     * The content size of the uncompressed layer tar in {@code file}. Only the headers are read: the
     * file's contents are skipped by seeking, which a stream cannot do.
     *
     * @throws IOException when the file cannot be read, or is not a tar
     */
    public static long of(Path file) throws IOException {
        ContentSize size = new ContentSize();
        try (TarFile tar = new TarFile(file)) {
            tar.getEntries().forEach(entry -> count(size, entry));
        }
        return size.total();
    }

    private static void count(ContentSize size, TarArchiveEntry entry) {
        if (entry.isDirectory()) {
            size.directory(entry.getName());
        } else if (entry.isLink()) {
            size.hardLink(entry.getName(), entry.getLinkName(), entry.getSize());
        } else if (entry.isSymbolicLink()) {
            size.symlink(entry.getName(), entry.getLinkName());
        } else if (entry.isFile()) {
            size.file(entry.getName(), entry.getSize());
        } else {
            size.special(entry.getName());
        }
    }
}
