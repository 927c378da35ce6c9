package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

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
            readEntries(new TarArchiveInputStream(new ReadFailures(tarBytes)), archive);
            tarBytes.transferTo(OutputStream.nullOutputStream()); // the rest of a compressed stream is checked too
            return archive;
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private void readEntries(TarArchiveInputStream tar, StagedArchive archive) throws IOException {
        Set<String> directories = new HashSet<>();
        TarArchiveEntry entry;
        boolean any = false;
        while ((entry = nextEntry(tar)) != null) {
            any = true;
            String raw = entry.getName();
            String name = ArchivePath.normalize(raw, "archive entry");
            if (archive.contains(name) || directories.contains(name)) {
                throw new InvalidArchiveException("archive has two entries named '" + name + "'");
            }
            if (entry.isDirectory()) {
                directories.add(name);
            } else if (entry.isSymbolicLink()) {
                archive.addLink(name, ArchivePath.resolveSymlink(name, entry.getLinkName()));
            } else if (entry.isLink()) {
                String target = ArchivePath.normalize(entry.getLinkName(), "hardlink '" + name + "' to");
                if (!archive.isFile(target)) {
                    throw new InvalidArchiveException("archive entry '" + name + "' is a hardlink to '" + target
                            + "', which is not a file earlier in the archive");
                }
                archive.addLink(name, target);
            } else if (isRegularFile(entry)) {
                Digest expected = ArchiveNames.digestOfBlobPath(name);
                StagedBlob staged = blobs.stage(new ReadFailures(tar), expected, expected == null ? -1 : entry.getSize());
                if (staged.size() != entry.getSize()) {
                    staged.discard();
                    throw new InvalidArchiveException("archive is truncated: entry '" + name + "' should have "
                            + entry.getSize() + " bytes but has " + staged.size());
                }
                archive.addFile(name, staged);
            } else {
                throw new InvalidArchiveException("archive entry '" + raw + "' is " + kind(entry)
                        + ", which an image archive never holds");
            }
        }
        if (!any) {
            throw new InvalidArchiveException("not an image archive: the input is empty or not a tar");
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof java.io.InterruptedIOException) {
                throw (java.io.InterruptedIOException) e;
            }
            throw new InvalidArchiveException("archive is truncated or not a tar: " + e.getMessage(), e);
        }
    }

    /** Only plain file types: Commons Compress calls any non-directory a file, devices included. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return (flag == TarArchiveEntry.LF_NORMAL || flag == TarArchiveEntry.LF_OLDNORM
                || flag == TarArchiveEntry.LF_CONTIG) && !entry.isSparse();
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isCharacterDevice()) {
            return "a character device";
        }
        if (entry.isBlockDevice()) {
            return "a block device";
        }
        if (entry.isFIFO()) {
            return "a fifo";
        }
        if (entry.isSparse()) {
            return "a sparse file";
        }
        return "of tar type '" + (char) entry.getLinkFlag() + "'";
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
