package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.layertar.MalformedLayerException;
import dev.jbuild.layertar.TarEntryType;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.layertar.TarReader;
import dev.jbuild.store.BlobStore;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.StagedBlob;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads an image archive from a stream in one pass (stdin works as well as a file): the whole tar may
 * be gzip- or zstd-compressed; every regular file is staged (hashed into the store's temp area), every
 * {@code blobs/sha256/<hex>} file checked against its name as it arrives. Entries are refused when
 * their name is absolute or climbs out with {@code ..}, when a link leads outside the archive, when
 * a name appears twice, and when they are anything but files, directories and links.
 */
final class ArchiveReader {
    private static final int BUFFER = 1 << 20;

    private final BlobStore blobs;
    private final ExpansionLimit limit;

    ArchiveReader(BlobStore blobs, ExpansionLimit limit) {
        this.blobs = blobs;
        this.limit = limit;
    }

    StagedArchive read(InputStream raw) throws IOException {
        ExpansionLimit.CountingInput counted = new ExpansionLimit.CountingInput(raw);
        BufferedInputStream buffered = new BufferedInputStream(counted, BUFFER);
        Compression compression = CompressionStreams.sniff(buffered);
        InputStream tarBytes = compression == Compression.NONE ? buffered
                : new BufferedInputStream(limit.guard(CompressionStreams.decompressing(compression, buffered), counted::count,
                        "the " + compression.label() + "-compressed archive"), BUFFER);
        StagedArchive archive = new StagedArchive();
        try {
            readEntries(new TarReader(new ReadFailures(tarBytes)), archive);
            tarBytes.transferTo(OutputStream.nullOutputStream()); // the rest of a compressed stream is checked too
            return archive;
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private void readEntries(TarReader tar, StagedArchive archive) throws IOException {
        Set<String> directories = new HashSet<>();
        TarHeader entry;
        boolean any = false;
        while ((entry = nextEntry(tar, any)) != null) {
            any = true;
            String raw = entry.name();
            String name = ArchivePath.normalize(raw, "archive entry");
            if (archive.contains(name) || directories.contains(name)) {
                throw new InvalidArchiveException("archive has two entries named '" + name + "'");
            }
            switch (entry.type()) {
                case DIRECTORY -> directories.add(name);
                case SYMLINK -> archive.addLink(name, ArchivePath.resolveSymlink(name, entry.linkName()));
                case HARDLINK -> {
                    String target = ArchivePath.normalize(entry.linkName(), "hardlink '" + name + "' to");
                    if (!archive.isFile(target)) {
                        throw new InvalidArchiveException("archive entry '" + name + "' is a hardlink to '" + target
                                + "', which is not a file earlier in the archive");
                    }
                    archive.addLink(name, target);
                }
                case REGULAR -> {
                    Digest expected = ArchiveNames.digestOfBlobPath(name);
                    StagedBlob staged = blobs.stage(new ReadFailures(tar.data()), expected,
                            expected == null ? -1 : entry.size());
                    if (staged.size() != entry.size()) {
                        staged.discard();
                        throw new InvalidArchiveException("archive is truncated: entry '" + name + "' should have "
                                + entry.size() + " bytes but has " + staged.size());
                    }
                    archive.addFile(name, staged);
                }
                case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> throw new InvalidArchiveException("archive entry '" + raw
                        + "' is " + kind(entry.type()) + ", which an image archive never holds");
            }
        }
        if (!any) {
            throw notAnArchive(null);
        }
    }

    /** The next header; a stream that breaks before the first one is not an archive at all. */
    private static TarHeader nextEntry(TarReader tar, boolean afterFirst) throws IOException {
        try {
            return tar.next();
        } catch (MalformedLayerException e) {
            throw afterFirst ? new InvalidArchiveException("archive is truncated or not a tar: " + e.getMessage(), e)
                    : notAnArchive(e);
        }
    }

    private static InvalidArchiveException notAnArchive(Exception cause) {
        return new InvalidArchiveException("not an image archive: the input is empty or not a tar", cause);
    }

    private static String kind(TarEntryType type) {
        return switch (type) {
            case CHAR_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            case FIFO -> "a fifo";
            default -> "a " + type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Turns a failure to read the archive itself (a truncated stream, a broken header, bad gzip) into
     * the one-line message of an invalid archive, as opposed to a failure of the store's disk.
     */
    private static final class ReadFailures extends FilterInputStream {
        ReadFailures(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw invalid(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw invalid(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw invalid(e);
            }
        }

        private static InvalidArchiveException invalid(IOException e) {
            return new InvalidArchiveException("archive is truncated or not a tar: " + e.getMessage(), e);
        }
    }
}
