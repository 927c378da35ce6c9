package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import dev.jbuild.platform.InputStreams;
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
 * numbers, old V7 headers, and sparse files in GNU's PAX formats 1.0 and 0.1 (what GNU tar and jbuild
 * write; Go's archive/tar reads the same). PAX values stay raw bytes so binary xattrs arrive intact. Entry
 * data is only available until the next call to {@link #next()}. A stream that is not a readable tar
 * fails with {@link MalformedLayerException}.
 */
public final class TarReader {
    /** Extension headers larger than this are refused rather than held in memory (Go uses the same bound). */
    private static final int MAX_SPECIAL_DATA = 1 << 20;

    private final InputStream in;
    private final byte[] block = new byte[TarBlock.SIZE];
    private long dataRemaining;
    private long paddingRemaining;
    private boolean ended;
    /** The current entry's map when it is sparse: {@link #dataRemaining} then counts its regions' bytes. */
    private SparseMap sparse;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry's header, or null at the end of the archive. */
    public TarHeader next() throws IOException {
        skip(dataRemaining + paddingRemaining);
        dataRemaining = 0;
        paddingRemaining = 0;
        sparse = null;
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

    /** The current entry's map when it is a sparse file, else null. */
    SparseMap sparseMap() {
        return sparse;
    }

    /**
     * The current entry's content: for a sparse file, its whole content, holes read as zeros (what Go's
     * reader gives); reads end at the entry's end.
     */
    public InputStream data() {
        return sparse == null ? storedData() : new SparseContent(sparse, storedData());
    }

    /** What the archive holds of the current entry: for a sparse file, its regions' data one after the other. */
    InputStream storedData() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return InputStreams.readByte(this);
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
                continue; // read below, once the entry's type and stored size are known
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
        SparseFormat sparseFormat = SparseFormat.of(pax);
        if (sparseFormat != SparseFormat.NONE && pax.containsKey(PaxRecords.GNU_SPARSE_PREFIX + "name")) {
            name = pax.get(PaxRecords.GNU_SPARSE_PREFIX + "name");
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
        if (sparseFormat != SparseFormat.NONE) {
            if (type != TarEntryType.REGULAR) {
                throw new MalformedLayerException("sparse records on " + nameText + ", which is not a regular file");
            }
            sparse = readSparseMap(sparseFormat, pax, nameText);
            dataSize = sparse.size();
        }
        return new TarHeader(nameText, type, mode, uid, gid, dataSize, mtime,
                decodeName(linkName, "link name of " + nameText), devMajor, devMinor, xattrs);
    }

    /** Which GNU sparse format an entry's PAX records say, as Go's reader tells them apart. */
    private enum SparseFormat {
        NONE, V0_1, V1_0;

        static SparseFormat of(Map<String, byte[]> pax) throws MalformedLayerException {
            String major = text(pax.get(PaxRecords.GNU_SPARSE_PREFIX + "major"));
            String minor = text(pax.get(PaxRecords.GNU_SPARSE_PREFIX + "minor"));
            if ("1".equals(major) && "0".equals(minor)) {
                return V1_0;
            }
            if (major == null && minor == null && pax.containsKey(PaxRecords.GNU_SPARSE_PREFIX + "map")
                    || "0".equals(major) && "1".equals(minor)) {
                return V0_1;
            }
            for (String key : pax.keySet()) {
                if (key.startsWith(PaxRecords.GNU_SPARSE_PREFIX)) {
                    throw new MalformedLayerException("unsupported GNU sparse format (" + key + "); 1.0 and 0.1 are read");
                }
            }
            return NONE;
        }
    }

    /** The sparse map: in the data for 1.0 (consumed here), in a PAX record for 0.1. */
    private SparseMap readSparseMap(SparseFormat format, Map<String, byte[]> pax, String name) throws IOException {
        String sizeText = text(pax.getOrDefault(PaxRecords.GNU_SPARSE_PREFIX + "realsize",
                pax.get(PaxRecords.GNU_SPARSE_PREFIX + "size")));
        if (sizeText == null) {
            throw new MalformedLayerException("sparse file " + name + " without its real size");
        }
        long size = paxNumber("GNU.sparse.realsize", sizeText.getBytes(StandardCharsets.US_ASCII));
        long[] numbers;
        if (format == SparseFormat.V1_0) {
            numbers = readMapBlocks(name);
        } else {
            String map = text(pax.get(PaxRecords.GNU_SPARSE_PREFIX + "map"));
            String[] fields = map == null || map.isEmpty() ? new String[0] : map.split(",", -1);
            numbers = new long[fields.length + 1];
            numbers[0] = fields.length / 2;
            for (int i = 0; i < fields.length; i++) {
                numbers[i + 1] = sparseNumber(fields[i], name);
            }
        }
        if (numbers.length != 1 + 2 * numbers[0]) {
            throw new MalformedLayerException("sparse map of " + name + " has an odd number of values");
        }
        java.util.List<SparseMap.Region> regions = new java.util.ArrayList<>();
        for (int i = 1; i < numbers.length; i += 2) {
            if (numbers[i + 1] > 0) {
                regions.add(new SparseMap.Region(numbers[i], numbers[i + 1]));
            } else if (numbers[i] > size) {
                throw new MalformedLayerException("sparse map of " + name + " goes past its end");
            }
        }
        SparseMap map;
        try {
            map = new SparseMap(size, regions);
        } catch (IllegalArgumentException e) {
            throw new MalformedLayerException("sparse map of " + name + ": " + e.getMessage());
        }
        if (map.dataLength() != dataRemaining) {
            throw new MalformedLayerException("sparse map of " + name + " holds " + map.dataLength()
                    + " bytes of data, the archive " + dataRemaining);
        }
        return map;
    }

    /** Format 1.0's map: decimal numbers, one a line, in whole blocks at the start of the entry's data. */
    private long[] readMapBlocks(String name) throws IOException {
        java.util.List<Long> numbers = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        long wanted = -1;
        long consumed = 0;
        while (wanted < 0 || numbers.size() < wanted) {
            if (dataRemaining < TarBlock.SIZE || consumed >= MAX_SPECIAL_DATA) {
                throw new MalformedLayerException("sparse map of " + name + " is cut short or too long");
            }
            byte[] mapBlock = in.readNBytes(TarBlock.SIZE);
            if (mapBlock.length < TarBlock.SIZE) {
                throw new MalformedLayerException("archive ends inside the sparse map of " + name);
            }
            dataRemaining -= TarBlock.SIZE;
            consumed += TarBlock.SIZE;
            for (int i = 0; i < mapBlock.length && (wanted < 0 || numbers.size() < wanted); i++) {
                if (mapBlock[i] != '\n') {
                    current.append((char) mapBlock[i]);
                    continue;
                }
                numbers.add(sparseNumber(current.toString(), name));
                current.setLength(0);
                if (numbers.size() == 1) {
                    wanted = 1 + 2 * numbers.get(0);
                }
            }
        }
        long[] result = new long[numbers.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = numbers.get(i);
        }
        return result;
    }

    private static long sparseNumber(String text, String name) throws MalformedLayerException {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedLayerException("invalid number '" + text + "' in the sparse map of " + name);
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.US_ASCII);
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
