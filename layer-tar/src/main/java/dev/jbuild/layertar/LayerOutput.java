package dev.jbuild.layertar;

import dev.jbuild.imagespec.SizedDigest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tar being written to the caller's stream, hashed and counted on the way unless the caller hashes it. */
final class LayerOutput {
    private static final int BUFFER = 64 * 1024;

    private final Sha256Streams.Out digesting;
    private final OutputStream buffered;
    private final TarWriter tar;
    private final ContentSize size;
    private final TarSplit.Recorder split;
    private final byte[] copyBuffer = new byte[BUFFER];

    private LayerOutput(OutputStream sink, Sha256Streams.Out digesting, HeaderStyle style, ContentSize size,
                        TarSplit.Recorder split) {
        this.digesting = digesting;
        this.buffered = new BufferedOutputStream(sink, BUFFER);
        this.tar = new TarWriter(split == null ? buffered : split.tee(buffered), style);
        this.size = size;
        this.split = split;
    }

    /** A tar whose digest {@link #finish()} returns; its size as Docker counts it goes to {@code size}. */
    static LayerOutput hashed(OutputStream out, HeaderStyle style, ContentSize size) {
        Sha256Streams.Out digesting = new Sha256Streams.Out(out);
        return new LayerOutput(digesting, digesting, style, size, null);
    }

    /** A tar for a stream that hashes what it receives itself: hashing it here too would double the cost. */
    static LayerOutput unhashed(OutputStream out, HeaderStyle style, ContentSize size) {
        return unhashed(out, style, size, null);
    }

    /** As {@link #unhashed}, recording the tar's split against the tree it is written from into {@code split} (or not, when null). */
    static LayerOutput unhashed(OutputStream out, HeaderStyle style, ContentSize size, TarSplit.Recorder split) {
        return new LayerOutput(out, null, style, size, split);
    }

    /**
     * Writes an entry; a regular file's content is read from {@code content}, which is {@code key} relative to
     * the tree being written. A file with holes is written in
     * GNU's PAX sparse format: its holes take no space in the layer (a 1 GB file holding a few kilobytes of data
     * used to make a 1 GB layer) and come back as holes where the layer is unpacked.
     */
    void write(TarHeader header, Path content, String key) throws IOException {
        size.add(header);
        SparseMap sparse = header.type() == TarEntryType.REGULAR ? SparseFiles.map(content, header.size()) : null;
        if (sparse != null) {
            tar.beginSparseEntry(header, sparse);
            copyRegions(content, sparse);
        } else {
            tar.beginEntry(header);
            if (header.type() == TarEntryType.REGULAR && header.size() > 0) {
                if (split != null) {
                    split.file(key, header.size());
                }
                copyExactly(content, header.size());
                if (split != null) {
                    split.endFile();
                }
            }
        }
        tar.endEntry();
    }

    /** Ends the archive and flushes; the caller's stream stays open. */
    SizedDigest finish() throws IOException {
        end();
        if (digesting == null) {
            throw new IllegalStateException("an unhashed layer has no digest");
        }
        return digesting.digest();
    }

    /** Ends the archive and flushes, without a digest; the caller's stream stays open. */
    void end() throws IOException {
        tar.finish();
        buffered.flush();
    }

    /** The data of each region, read where it is in the file; a file that changed meanwhile is an error. */
    private void copyRegions(Path file, SparseMap map) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(copyBuffer);
            for (SparseMap.Region region : map.regions()) {
                long position = region.offset();
                while (position < region.end()) {
                    buffer.clear().limit((int) Math.min(copyBuffer.length, region.end() - position));
                    int n = in.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(file + " shrank while it was being archived");
                    }
                    tar.write(copyBuffer, 0, n);
                    position += n;
                }
            }
            if (in.size() != map.size()) {
                throw new IOException(file + " changed size while it was being archived");
            }
        }
    }

    /** The header already promised {@code size} bytes; a file that changed meanwhile is an error, not a corrupt tar. */
    private void copyExactly(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long left = size;
            while (left > 0) {
                int n = in.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " shrank while it was being archived");
                }
                tar.write(copyBuffer, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw new IOException(file + " grew while it was being archived");
            }
        }
    }
}
