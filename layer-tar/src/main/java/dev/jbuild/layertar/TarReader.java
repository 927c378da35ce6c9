package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * jbuild's one tar reader (layers, image archives, ADD): entries from a stream, one at a time: ustar,
 * PAX (local records applied, global ones ignored as Docker ignores them), GNU long names and base-256
 * numbers, old V7 headers. PAX values stay raw bytes so binary xattrs arrive intact. Entry data is only
 * available until the next call to {@link #next()}. A stream that is not a readable tar fails with
 * {@link MalformedLayerException}.
 */
public final class TarReader {
    /** Extension headers larger than this are refused rather than held in memory (Go uses the same bound). */
    private static final int MAX_SPECIAL_DATA = 1 << 20;

    private final InputStream in;
    private final byte[] block = new byte[TarBlock.SIZE];
    private long dataRemaining;
    private long paddingRemaining;
    private boolean ended;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry's header, or null at the end of the archive. */
    public TarHeader next() throws IOException {
        skip(dataRemaining + paddingRemaining);
        dataRemaining = 0;
        paddingRemaining = 0;
        if (ended) {
            return null;
        }
        Map<String, byte[]> pax = new HashMap<>();
        byte[] gnuLongName = null;
        byte[] gnuLongLink = null;
        while (true) {
            if (!readBlock()) {
                ended = true; // EOF on a block boundary: accepted like Go does
                return null;
            }
            if (TarBlock.isZero(block)) {
                if (readBlock() && !TarBlock.isZero(block)) {
                    throw new MalformedLayerException("data after a zero block in the middle of the archive");
                }
                ended = true;
                return null;
            }
            verifyChecksum();
            long size = TarBlock.parseNumber(block, TarBlock.SIZE_FIELD, TarBlock.LONG_NUMBER_LEN);
            if (size < 0) {
                throw new MalformedLayerException("negative entry size");
            }
            byte flag = block[TarBlock.TYPE_FLAG];
            switch (flag) {
                case 'x' -> pax.putAll(PaxRecords.decode(readSpecialData(size)));
                case 'g' -> PaxRecords.decode(readSpecialData(size)); // validated, then ignored
                case 'L' -> gnuLongName = trimNul(readSpecialData(size));
                case 'K' -> gnuLongLink = trimNul(readSpecialData(size));
                default -> {
                    return entryHeader(flag, size, pax, gnuLongName, gnuLongLink);
                }
            }
        }
    }

    /** The current entry's data; reads end at the entry's end. */
    public InputStream data() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (dataRemaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, dataRemaining));
                if (n < 0) {
                    throw new MalformedLayerException("archive ends inside an entry's data");
                }
                dataRemaining -= n;
                return n;
            }
        };
    }

    /** Reads whatever follows the end-of-archive marker (GNU tar pads to 10 KiB) so a digest covers it. */
    public void drain() throws IOException {
        if (!ended) {
            throw new IllegalStateException("drain() before the end of the archive");
        }
        in.transferTo(OutputStream.nullOutputStream());
    }

    private TarHeader entryHeader(byte flag, long size, Map<String, byte[]> pax, byte[] gnuLongName,
                                  byte[] gnuLongLink) throws IOException {
        boolean ustar = TarBlock.regionEquals(block, TarBlock.MAGIC, TarBlock.USTAR_MAGIC)
                && TarBlock.regionEquals(block, TarBlock.VERSION, TarBlock.USTAR_VERSION);
        boolean gnu = TarBlock.regionEquals(block, TarBlock.MAGIC, TarBlock.GNU_MAGIC_AND_VERSION);
        byte[] name = TarBlock.cString(block, TarBlock.NAME, TarBlock.NAME_LEN);
        if (ustar) {
            boolean star = TarBlock.regionEquals(block, TarBlock.STAR_TRAILER, TarBlock.STAR_TRAILER_BYTES);
            byte[] prefix = TarBlock.cString(block, TarBlock.PREFIX,
                    star ? TarBlock.STAR_PREFIX_LEN : TarBlock.PREFIX_LEN);
            if (prefix.length > 0) {
                name = concat(prefix, new byte[] {'/'}, name);
            }
        }
        byte[] linkName = TarBlock.cString(block, TarBlock.LINK_NAME, TarBlock.NAME_LEN);
        long uid = TarBlock.parseNumber(block, TarBlock.UID, TarBlock.ID_LEN);
        long gid = TarBlock.parseNumber(block, TarBlock.GID, TarBlock.ID_LEN);
        long mtime = TarBlock.parseNumber(block, TarBlock.MTIME, TarBlock.LONG_NUMBER_LEN);
        int mode = (int) (TarBlock.parseNumber(block, TarBlock.MODE, TarBlock.ID_LEN) & 07777);
        int devMajor = 0;
        int devMinor = 0;
        if (ustar || gnu) {
            devMajor = (int) TarBlock.parseNumber(block, TarBlock.DEV_MAJOR, TarBlock.ID_LEN);
            devMinor = (int) TarBlock.parseNumber(block, TarBlock.DEV_MINOR, TarBlock.ID_LEN);
        }

        TreeMap<String, byte[]> xattrs = new TreeMap<>(CodePointOrder.COMPARATOR);
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            String key = record.getKey();
            byte[] value = record.getValue();
            if (key.startsWith(PaxRecords.XATTR_PREFIX)) {
                xattrs.put(key.substring(PaxRecords.XATTR_PREFIX.length()), value);
            } else if (key.startsWith(PaxRecords.GNU_SPARSE_PREFIX)) {
                throw new MalformedLayerException("sparse files are not supported (" + key + ")");
            } else if (value.length > 0) {
                switch (key) {
                    case PaxRecords.PATH -> name = value;
                    case PaxRecords.LINKPATH -> linkName = value;
                    case PaxRecords.SIZE -> size = paxNumber(key, value);
                    case PaxRecords.UID -> uid = paxNumber(key, value);
                    case PaxRecords.GID -> gid = paxNumber(key, value);
                    case PaxRecords.MTIME -> mtime = paxSeconds(value);
                    default -> {
                        // atime, ctime, uname, gname, comments, vendor records: not part of a layer
                    }
                }
            }
        }
        if (gnuLongName != null) {
            name = gnuLongName;
        }
        if (gnuLongLink != null) {
            linkName = gnuLongLink;
        }
        String nameText = decodeName(name, "entry name");
        TarEntryType type = switch (flag) {
            case '0', '7' -> TarEntryType.REGULAR;
            case 0 -> nameText.endsWith("/") ? TarEntryType.DIRECTORY : TarEntryType.REGULAR;
            case '1' -> TarEntryType.HARDLINK;
            case '2' -> TarEntryType.SYMLINK;
            case '3' -> TarEntryType.CHAR_DEVICE;
            case '4' -> TarEntryType.BLOCK_DEVICE;
            case '5' -> TarEntryType.DIRECTORY;
            case '6' -> TarEntryType.FIFO;
            default -> throw new MalformedLayerException("unsupported tar entry type '" + (char) flag
                    + "' for " + nameText);
        };
        if (size < 0) {
            throw new MalformedLayerException("negative size for " + nameText);
        }
        // Like Go's reader: only regular files have data; a size on other types is ignored.
        long dataSize = type == TarEntryType.REGULAR ? size : 0;
        dataRemaining = dataSize;
        paddingRemaining = (TarBlock.SIZE - dataSize % TarBlock.SIZE) % TarBlock.SIZE;
        return new TarHeader(nameText, type, mode, uid, gid, dataSize, mtime,
                decodeName(linkName, "link name of " + nameText), devMajor, devMinor, xattrs);
    }

    private void verifyChecksum() throws MalformedLayerException {
        long stored = TarBlock.parseNumber(block, TarBlock.CHECKSUM, TarBlock.CHECKSUM_LEN);
        if (stored != TarBlock.unsignedChecksum(block) && stored != TarBlock.signedChecksum(block)) {
            throw new MalformedLayerException("tar header checksum mismatch (not a tar archive, or corrupted)");
        }
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(block, 0, TarBlock.SIZE);
        if (n == 0) {
            return false;
        }
        if (n < TarBlock.SIZE) {
            throw new MalformedLayerException("archive ends inside a header block");
        }
        return true;
    }

    private byte[] readSpecialData(long size) throws IOException {
        if (size > MAX_SPECIAL_DATA) {
            throw new MalformedLayerException("extension header of " + size + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new MalformedLayerException("archive ends inside an extension header");
        }
        skip((TarBlock.SIZE - size % TarBlock.SIZE) % TarBlock.SIZE);
        return data;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new MalformedLayerException("archive ends inside an entry's data");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long paxNumber(String key, byte[] value) throws MalformedLayerException {
        try {
            long n = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
            if (n < 0) {
                throw new MalformedLayerException("negative PAX " + key);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedLayerException("invalid PAX " + key + ": " + new String(value, StandardCharsets.US_ASCII));
        }
    }

    /** PAX times are decimal seconds with an optional fraction; layers keep whole seconds. */
    private static long paxSeconds(byte[] value) throws MalformedLayerException {
        try {
            return new BigDecimal(new String(value, StandardCharsets.US_ASCII))
                    .setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MalformedLayerException("invalid PAX mtime: " + new String(value, StandardCharsets.US_ASCII));
        }
    }

    /**
     * Names are UTF-8 (PAX says so, and layer writers use it for ustar fields too). Anything else
     * cannot be turned into a Linux file name through the JDK without changing it, so it is refused.
     */
    private static String decodeName(byte[] bytes, String what) throws MalformedLayerException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLayerException(what + " is not valid UTF-8: "
                    + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static byte[] trimNul(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return Arrays.copyOf(data, end);
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        byte[] result = new byte[total];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, result, pos, p.length);
            pos += p.length;
        }
        return result;
    }
}
