package dev.jbuild.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the outer tar of an archive: ustar headers with fixed owner (0:0, no names), fixed mode
 * (0644 files, 0755 directories) and mtime 0, so the same content always gives the same bytes, and
 * two zero blocks at the end, as Go's archive/tar (which Docker uses) finishes. Sizes beyond the
 * octal field use the base-256 form GNU tar and Go read.
 */
final class TarOutput {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_SIZE = 077777777777L;
    private static final byte[] ZEROS = new byte[BLOCK];

    /** Writes exactly the announced number of bytes of an entry. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final OutputStream out;
    private long written;

    TarOutput(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", 0, 0755, '5');
    }

    void file(String name, byte[] bytes) throws IOException {
        file(name, bytes.length, out -> out.write(bytes));
    }

    void file(String name, long size, Content content) throws IOException {
        header(name, size, 0644, '0');
        CountingOutputStream counting = new CountingOutputStream(out);
        content.writeTo(counting);
        if (counting.count() != size) {
            throw new IOException("tar entry " + name + " announced " + size + " bytes but " + counting.count()
                    + " were written");
        }
        written += size;
        pad(size);
    }

    /** The end-of-archive marker; the stream underneath is flushed, not closed. */
    void finish() throws IOException {
        out.write(ZEROS);
        out.write(ZEROS);
        written += 2 * BLOCK;
        out.flush();
    }

    /** Bytes of tar written so far. */
    long written() {
        return written;
    }

    private void header(String name, long size, int mode, char type) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("archive entry name too long for ustar: " + name);
        }
        byte[] h = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size > MAX_OCTAL_SIZE) {
            h[124] = (byte) 0x80; // base-256: a set high bit, then the number big-endian
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        } else {
            octal(h, 124, 12, size);
        }
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        out.write(h);
        written += BLOCK;
    }

    /** A zero-padded octal number filling {@code length - 1} digits, then NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        for (int i = 0; i < width; i++) {
            int fromEnd = width - 1 - i;
            h[offset + i] = (byte) (fromEnd < digits.length() ? digits.charAt(digits.length() - 1 - fromEnd) : '0');
        }
        h[offset + width] = 0;
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(ZEROS, 0, padding);
        written += padding;
    }

    /** Counts what an entry's content writes. */
    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
