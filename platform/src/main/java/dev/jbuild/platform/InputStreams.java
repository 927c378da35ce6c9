package dev.jbuild.platform;

import java.io.IOException;
import java.io.InputStream;

/**
 * The single-byte read and the skip of a stream that does its work in its bulk
 * {@code read(byte[], int, int)} (counting, hashing, decrypting, filling holes): both go through that
 * read, so no byte escapes the work.
 */
public final class InputStreams {
    private InputStreams() {
    }

    /** {@code stream.read()} as a bulk read of one byte. */
    public static int readByte(InputStream stream) throws IOException {
        byte[] one = new byte[1];
        return stream.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** {@code stream.skip(n)} by reading and dropping the bytes: skipped bytes still count. */
    public static long skipByReading(InputStream stream, long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = stream.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
