package dev.jbuild.transfer;

import dev.jbuild.platform.InputStreams;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The most a compressed stream of an archive may inflate to: {@code ratio} times its compressed
 * size, and never less than {@code floor}. Beyond that it is refused as a decompression bomb.
 *
 * <p>The default ratio is 1000: deflate cannot exceed about 1030:1 at all, and real layers come
 * nowhere near it (text and binaries compress 2-10:1), so only data that is almost entirely one
 * repeated byte reaches it; zstd bombs, which go far beyond, are caught early. A genuine layer made of
 * gigabytes of zeros would be refused too; such an archive can be loaded with a higher ratio
 * ({@code jbuild load --max-expansion}).
 */
public record ExpansionLimit(long ratio, long floor) {
    public static final ExpansionLimit DEFAULT = new ExpansionLimit(1000, 256L << 20);

    public ExpansionLimit {
        if (ratio < 1 || floor < 0) {
            throw new IllegalArgumentException("expansion ratio must be >= 1 and floor >= 0");
        }
    }

    /** The limit for a stream whose compressed size is known. */
    long maxFor(long compressedSize) {
        long scaled = compressedSize > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : compressedSize * ratio;
        return Math.max(floor, scaled);
    }

    /**
     * Wraps the decompressed side of a stream; {@code compressedSoFar} tells how many compressed
     * bytes were consumed (for a stream of unknown length, such as a compressed archive on stdin).
     *
     * @param what names the stream in the message ({@code layer sha256:... of busybox:latest})
     */
    InputStream guard(InputStream decompressed, LongSupplier compressedSoFar, String what) {
        return new FilterInputStream(decompressed) {
            private long inflated;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return InputStreams.skipByReading(this, n);
            }

            private void count(int n) {
                inflated += n;
                long compressed = compressedSoFar.getAsLong();
                if (inflated > maxFor(compressed)) {
                    throw new InvalidArchiveException(what + " inflates to more than " + inflated + " bytes from "
                            + compressed + " compressed bytes: refused as a decompression bomb (the limit is "
                            + ratio + " times the compressed size, at least " + floor + " bytes)");
                }
            }
        };
    }

    /** Counts the bytes read through it, for {@link #guard}. */
    static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }
}
