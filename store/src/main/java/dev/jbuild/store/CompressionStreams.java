package dev.jbuild.store;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.jbuild.imagespec.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/**
 * The codecs of the layer compressions. gzip is the JDK's zlib, compressed on every core
 * ({@link ParallelGzipOutputStream}); zstd is the reference library through zstd-jni, with its own worker
 * threads. Both give the same bytes for the same input whatever the number of cores. Decompression sniffs
 * magic bytes, because a rootfs tarball handed to {@code import} carries no media type.
 */
public final class CompressionStreams {
    private static final int GZIP_BUFFER = 64 * 1024;
    /** zstd's default level, what containerd and BuildKit write. */
    private static final int ZSTD_LEVEL = 3;

    private CompressionStreams() {
    }

    /** Wraps {@code out} so that what is written to the result arrives compressed; closing finishes the stream. */
    public static OutputStream compressing(Compression compression, OutputStream out) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new ParallelGzipOutputStream(out);
            case ZSTD -> zstdOutput(out);
        };
    }

    /** Wraps {@code in} so that reading the result gives the decompressed bytes. */
    public static InputStream decompressing(Compression compression, InputStream in) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, GZIP_BUFFER);
            case ZSTD -> zstdInput(in);
        };
    }

    private static OutputStream zstdOutput(OutputStream out) throws IOException {
        try {
            ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
            // With one worker or more zstd cuts the input into jobs independent of the worker count,
            // so the output is the same on every machine.
            zstd.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
            return zstd;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw zstdUnavailable(e);
        }
    }

    private static InputStream zstdInput(InputStream in) throws IOException {
        try {
            return new ZstdInputStream(in);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw zstdUnavailable(e);
        }
    }

    /**
     * Looks at the first bytes of a stream (which must support mark/reset, as a
     * {@link BufferedInputStream} does) to tell how it is compressed; xz and bzip2, which Docker's
     * import also reads, are refused by name rather than mistaken for a tar.
     */
    public static Compression sniff(InputStream in) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (startsWith(head, 0x1f, 0x8b)) {
            return Compression.GZIP;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return Compression.ZSTD;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            throw new UnsupportedCompressionException("xz-compressed archives are not supported; decompress it first");
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            throw new UnsupportedCompressionException(
                    "bzip2-compressed archives are not supported; decompress it first");
        }
        return Compression.NONE;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** zstd-jni unpacks its native library into java.io.tmpdir; a noexec tmpdir is the usual reason this fails. */
    private static UnsupportedCompressionException zstdUnavailable(Throwable cause) {
        return new UnsupportedCompressionException("zstd is unavailable: its native library could not be loaded ("
                + cause.getMessage() + "); use gzip, or point -Djava.io.tmpdir at an exec-mounted directory");
    }
}
