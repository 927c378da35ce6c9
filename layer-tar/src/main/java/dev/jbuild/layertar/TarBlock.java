package dev.jbuild.layertar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 512-byte ustar header block: field offsets, and the encoding of strings and numbers in it.
 * The encodings follow Go's archive/tar, which writes the layers of Docker and BuildKit, so that the
 * same metadata gives the same bytes: octal numbers zero-padded and NUL-terminated, a checksum of
 * six octal digits, NUL and space.
 */
final class TarBlock {
    static final int SIZE = 512;

    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int ID_LEN = 8;
    static final int SIZE_FIELD = 124;
    static final int MTIME = 136;
    static final int LONG_NUMBER_LEN = 12;
    static final int CHECKSUM = 148;
    static final int CHECKSUM_LEN = 8;
    static final int TYPE_FLAG = 156;
    static final int LINK_NAME = 157;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int UNAME = 265;
    static final int GNAME = 297;
    static final int DEV_MAJOR = 329;
    static final int DEV_MINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;
    static final int STAR_PREFIX_LEN = 131;
    static final int STAR_TRAILER = 508;

    static final byte[] USTAR_MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] USTAR_VERSION = "00".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GNU_MAGIC_AND_VERSION = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] STAR_TRAILER_BYTES = "tar\0".getBytes(StandardCharsets.US_ASCII);

    private TarBlock() {
    }

    /** Whether {@code value} fits an octal field of {@code length} bytes (one byte is the NUL). */
    static boolean fitsOctal(int length, long value) {
        int bits = (length - 1) * 3;
        return value >= 0 && (bits >= 63 || value < (1L << bits));
    }

    /** Writes {@code value} as zero-padded octal plus NUL; 0 when it does not fit (the caller moved it to PAX). */
    static void putOctal(byte[] block, int offset, int length, long value) {
        String digits = Long.toOctalString(fitsOctal(length, value) ? value : 0);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        putString(block, offset, length, padded.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes the bytes, NUL-terminated when shorter than the field, cut when longer. A cut name
     * whose kept part ends in '/' loses those slashes, because some readers take any name ending
     * in '/' for a directory.
     */
    static void putString(byte[] block, int offset, int length, byte[] value) {
        int n = Math.min(length, value.length);
        System.arraycopy(value, 0, block, offset, n);
        if (n < length) {
            block[offset + n] = 0;
        }
        if (value.length > length) {
            int end = n;
            while (end > 0 && block[offset + end - 1] == '/') {
                end--;
            }
            if (end < n) {
                Arrays.fill(block, offset + end, offset + n, (byte) 0);
            }
        }
    }

    /** Fills the checksum field: the unsigned byte sum with the field counted as spaces. */
    static void putChecksum(byte[] block) {
        putOctal(block, CHECKSUM, CHECKSUM_LEN - 1, unsignedChecksum(block));
        block[CHECKSUM + CHECKSUM_LEN - 1] = ' ';
    }

    static long unsignedChecksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < SIZE; i++) {
            sum += (i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LEN) ? ' ' : (block[i] & 0xff);
        }
        return sum;
    }

    /** Some old writers summed signed bytes; readers accept both. */
    static long signedChecksum(byte[] block) {
        long sum = 0;
        for (int i = 0; i < SIZE; i++) {
            sum += (i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LEN) ? ' ' : block[i];
        }
        return sum;
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean regionEquals(byte[] block, int offset, byte[] expected) {
        return Arrays.equals(block, offset, offset + expected.length, expected, 0, expected.length);
    }

    /** The bytes of a string field up to its first NUL. */
    static byte[] cString(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(block, offset, end);
    }

    /**
     * A numeric field: base-256 when the high bit of the first byte is set (GNU extension for
     * values too large for octal, negative when the next bit is set too), otherwise octal with
     * leading and trailing spaces and NULs ignored.
     */
    static long parseNumber(byte[] block, int offset, int length) throws MalformedLayerException {
        if ((block[offset] & 0x80) != 0) {
            int invert = (block[offset] & 0x40) != 0 ? 0xff : 0;
            long value = 0;
            for (int i = 0; i < length; i++) {
                int b = (block[offset + i] & 0xff) ^ invert;
                if (i == 0) {
                    b &= 0x7f;
                }
                if ((value >>> 55) != 0) {
                    throw new MalformedLayerException("numeric field overflows 64 bits");
                }
                value = (value << 8) | b;
            }
            return invert != 0 ? ~value : value;
        }
        int start = offset;
        int end = offset + length;
        while (start < end && (block[start] == ' ' || block[start] == 0)) {
            start++;
        }
        while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
            end--;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new MalformedLayerException("invalid octal number in tar header: '"
                        + new String(block, start, end - start, StandardCharsets.ISO_8859_1) + "'");
            }
            if ((value >>> 60) != 0) {
                throw new MalformedLayerException("octal number overflows 64 bits");
            }
            value = (value << 3) | digit;
        }
        return value;
    }
}
