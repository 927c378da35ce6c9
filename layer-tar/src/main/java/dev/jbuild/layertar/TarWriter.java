package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * jbuild's one tar writer (layers, image archives, exports): entries the way Go's archive/tar does with {@code Format = FormatPAX} (the writer
 * behind Docker and BuildKit layers): a plain ustar header whenever everything fits (long ASCII
 * names split into prefix and name), otherwise one PAX extended header with the records that do
 * not fit, keys sorted, then a ustar header whose too-large fields are zero. Xattrs always go to
 * PAX as {@code SCHILY.xattr.<name>} with their raw bytes. The archive ends with two zero blocks
 * and no further padding.
 */
public final class TarWriter {
    private static final byte[] ZERO_BLOCK = new byte[TarBlock.SIZE];
    private static final byte PAX_FLAG = 'x';
    private static final int MAX_PAX_DATA = 1 << 20;
    private static final int NAME_FIELD_LEN = 32;

    private final Counting out;
    private final HeaderStyle style;
    private final byte[] block = new byte[TarBlock.SIZE];
    private long remaining;
    private long padding;
    private boolean inEntry;

    public TarWriter(OutputStream out) {
        this(out, HeaderStyle.LAYER);
    }

    public TarWriter(OutputStream out, HeaderStyle style) {
        this.out = new Counting(out);
        this.style = style;
    }

    /** Bytes of tar written so far. */
    public long written() {
        return out.count;
    }

    /** Writes the header(s) of an entry; a regular file's {@code size} bytes must follow through {@link #write}. */
    public void beginEntry(TarHeader header) throws IOException {
        begin(header, header.name(), header.size(), Map.of());
    }

    /**
     * Writes a regular file in GNU tar's PAX sparse format 1.0, as {@code tar --sparse --format=posix} writes
     * it and as Go's archive/tar (Docker, containerd, BuildKit, umoci), GNU tar and bsdtar read it: PAX records
     * {@code GNU.sparse.major=1}, {@code GNU.sparse.minor=0}, {@code GNU.sparse.name} (the real name) and
     * {@code GNU.sparse.realsize}; a ustar header named {@code <dir>/GNUSparseFile.0/<base>} (what a reader
     * that knows no sparse format extracts it as) whose data is the map, written here, followed by the data
     * of each region, which must follow through {@link #write}.
     */
    void beginSparseEntry(TarHeader header, SparseMap map) throws IOException {
        if (header.type() != TarEntryType.REGULAR || header.size() != map.size()) {
            throw new IllegalArgumentException("a sparse entry is a regular file of its map's size: " + header.name());
        }
        byte[] encodedMap = map.encode1x0();
        Map<String, byte[]> sparse = new TreeMap<>(CodePointOrder.COMPARATOR);
        sparse.put(PaxRecords.GNU_SPARSE_PREFIX + "major", ascii("1"));
        sparse.put(PaxRecords.GNU_SPARSE_PREFIX + "minor", ascii("0"));
        sparse.put(PaxRecords.GNU_SPARSE_PREFIX + "name", utf8(header.name()));
        sparse.put(PaxRecords.GNU_SPARSE_PREFIX + "realsize", ascii(Long.toString(map.size())));
        int slash = header.name().lastIndexOf('/');
        String placeholder = header.name().substring(0, slash + 1) + "GNUSparseFile.0/" + header.name().substring(slash + 1);
        begin(header, placeholder, encodedMap.length + map.dataLength(), sparse);
        out.write(encodedMap);
        remaining -= encodedMap.length;
    }

    private void begin(TarHeader header, String name, long size, Map<String, byte[]> records) throws IOException {
        if (inEntry) {
            throw new IllegalStateException("entry not finished before " + header.name());
        }
        if (header.type() != TarEntryType.REGULAR && header.size() != 0) {
            throw new IllegalArgumentException("only regular files carry data: " + header.name());
        }
        requireOctal(header, TarBlock.ID_LEN, header.mode(), "mode");
        requireOctal(header, TarBlock.ID_LEN, header.devMajor(), "device major");
        requireOctal(header, TarBlock.ID_LEN, header.devMinor(), "device minor");

        Map<String, byte[]> pax = new TreeMap<>(CodePointOrder.COMPARATOR);
        pax.putAll(records);
        boolean ustar = records.isEmpty();
        String ustarPrefix = "";
        String ustarName = name;
        if (!fitsUstarString(name)) {
            pax.put(PaxRecords.PATH, utf8(name));
            String[] split = splitUstarPath(name);
            if (split == null) {
                ustar = false;
            } else {
                ustarPrefix = split[0];
                ustarName = split[1];
            }
        }
        if (!fitsUstarString(header.linkName())) {
            pax.put(PaxRecords.LINKPATH, utf8(header.linkName()));
            ustar = false;
        }
        ustar &= numberFits(pax, PaxRecords.UID, TarBlock.ID_LEN, header.uid());
        ustar &= numberFits(pax, PaxRecords.GID, TarBlock.ID_LEN, header.gid());
        String uname = style.userName().apply(header.uid());
        String gname = style.groupName().apply(header.gid());
        ustar &= nameFits(pax, PaxRecords.UNAME, uname);
        ustar &= nameFits(pax, PaxRecords.GNAME, gname);
        ustar &= numberFits(pax, PaxRecords.SIZE, TarBlock.LONG_NUMBER_LEN, size);
        ustar &= numberFits(pax, PaxRecords.MTIME, TarBlock.LONG_NUMBER_LEN, header.mtime());
        for (Map.Entry<String, byte[]> xattr : header.xattrs().entrySet()) {
            String key = xattr.getKey();
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new IOException("xattr name cannot be stored in a PAX record: '" + key + "' on " + name);
            }
            pax.put(PaxRecords.XATTR_PREFIX + key, xattr.getValue());
            ustar = false;
        }

        if (ustar) {
            writeMainHeader(header, size, ustarPrefix, utf8(ustarName), utf8(header.linkName()), uname, gname);
        } else {
            writePaxHeader(name, PaxRecords.encode(pax));
            writeMainHeader(header, size, "", ascii(name), ascii(header.linkName()), uname, gname);
        }
        remaining = size;
        padding = (TarBlock.SIZE - (remaining % TarBlock.SIZE)) % TarBlock.SIZE;
        inEntry = true;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > remaining) {
            throw new IOException("more data than the entry's size");
        }
        out.write(bytes, offset, length);
        remaining -= length;
    }

    public void endEntry() throws IOException {
        if (remaining != 0) {
            throw new IOException(remaining + " bytes of entry data missing");
        }
        out.write(ZERO_BLOCK, 0, (int) padding);
        inEntry = false;
    }

    /** One whole entry: its header, then exactly {@code header.size()} bytes written by {@code content}. */
    public void entry(TarHeader header, EntryContent content) throws IOException {
        beginEntry(header);
        content.writeTo(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                TarWriter.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                TarWriter.this.write(b, off, len);
            }
        });
        endEntry();
    }

    /** Writes an entry's data. */
    @FunctionalInterface
    public interface EntryContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The end-of-archive marker: two zero blocks. */
    public void finish() throws IOException {
        if (inEntry) {
            throw new IllegalStateException("entry not finished");
        }
        out.write(ZERO_BLOCK);
        out.write(ZERO_BLOCK);
    }

    private void writeMainHeader(TarHeader header, long size, String prefix, byte[] name, byte[] linkName,
                                 String uname, String gname) throws IOException {
        Arrays.fill(block, (byte) 0);
        TarBlock.putString(block, TarBlock.NAME, TarBlock.NAME_LEN, name);
        TarBlock.putOctal(block, TarBlock.MODE, TarBlock.ID_LEN, style.mode(header.type(), header.mode()));
        TarBlock.putOctal(block, TarBlock.UID, TarBlock.ID_LEN, header.uid());
        TarBlock.putOctal(block, TarBlock.GID, TarBlock.ID_LEN, header.gid());
        TarBlock.putOctal(block, TarBlock.SIZE_FIELD, TarBlock.LONG_NUMBER_LEN, size);
        TarBlock.putOctal(block, TarBlock.MTIME, TarBlock.LONG_NUMBER_LEN, header.mtime());
        block[TarBlock.TYPE_FLAG] = header.type().flag;
        TarBlock.putString(block, TarBlock.LINK_NAME, TarBlock.NAME_LEN, linkName);
        System.arraycopy(TarBlock.USTAR_MAGIC, 0, block, TarBlock.MAGIC, TarBlock.USTAR_MAGIC.length);
        System.arraycopy(TarBlock.USTAR_VERSION, 0, block, TarBlock.VERSION, TarBlock.USTAR_VERSION.length);
        // A layer's names stay empty (see HeaderStyle); one that does not fit went to PAX and stays empty here too.
        if (fitsName(uname)) {
            TarBlock.putString(block, TarBlock.UNAME, NAME_FIELD_LEN, ascii(uname));
        }
        if (fitsName(gname)) {
            TarBlock.putString(block, TarBlock.GNAME, NAME_FIELD_LEN, ascii(gname));
        }
        TarBlock.putOctal(block, TarBlock.DEV_MAJOR, TarBlock.ID_LEN, header.devMajor());
        TarBlock.putOctal(block, TarBlock.DEV_MINOR, TarBlock.ID_LEN, header.devMinor());
        TarBlock.putString(block, TarBlock.PREFIX, TarBlock.PREFIX_LEN, utf8(prefix));
        TarBlock.putChecksum(block);
        out.write(block);
    }

    /** The extended header "file", named {@code <dir>/PaxHeaders.0/<base>} like Go names it. */
    private void writePaxHeader(String entryName, byte[] data) throws IOException {
        if (data.length > MAX_PAX_DATA) {
            throw new IOException("PAX records of " + entryName + " exceed " + MAX_PAX_DATA + " bytes");
        }
        int slash = entryName.lastIndexOf('/');
        String dir = entryName.substring(0, slash + 1);
        String base = entryName.substring(slash + 1);
        String headerName = dir + "PaxHeaders.0" + (base.isEmpty() ? "" : "/" + base);
        byte[] nameBytes = ascii(headerName);
        int length = Math.min(nameBytes.length, TarBlock.NAME_LEN);
        while (length > 0 && nameBytes[length - 1] == '/') {
            length--;
        }
        Arrays.fill(block, (byte) 0);
        TarBlock.putString(block, TarBlock.NAME, TarBlock.NAME_LEN, Arrays.copyOf(nameBytes, length));
        TarBlock.putOctal(block, TarBlock.MODE, TarBlock.ID_LEN, 0);
        TarBlock.putOctal(block, TarBlock.UID, TarBlock.ID_LEN, 0);
        TarBlock.putOctal(block, TarBlock.GID, TarBlock.ID_LEN, 0);
        TarBlock.putOctal(block, TarBlock.SIZE_FIELD, TarBlock.LONG_NUMBER_LEN, data.length);
        TarBlock.putOctal(block, TarBlock.MTIME, TarBlock.LONG_NUMBER_LEN, 0);
        block[TarBlock.TYPE_FLAG] = PAX_FLAG;
        System.arraycopy(TarBlock.USTAR_MAGIC, 0, block, TarBlock.MAGIC, TarBlock.USTAR_MAGIC.length);
        System.arraycopy(TarBlock.USTAR_VERSION, 0, block, TarBlock.VERSION, TarBlock.USTAR_VERSION.length);
        TarBlock.putChecksum(block);
        out.write(block);
        out.write(data);
        out.write(ZERO_BLOCK, 0, (TarBlock.SIZE - data.length % TarBlock.SIZE) % TarBlock.SIZE);
    }

    private static boolean numberFits(Map<String, byte[]> pax, String key, int fieldLength, long value) {
        if (TarBlock.fitsOctal(fieldLength, value)) {
            return true;
        }
        pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        return false;
    }

    private static void requireOctal(TarHeader header, int length, long value, String field) {
        if (!TarBlock.fitsOctal(length, value)) {
            throw new IllegalArgumentException(field + " out of range for " + header.name() + ": " + value);
        }
    }

    /** A user or group name: in its 32-byte ustar field if it fits there, else in a PAX record. */
    private static boolean nameFits(Map<String, byte[]> pax, String key, String value) {
        if (fitsName(value)) {
            return true;
        }
        pax.put(key, utf8(value));
        return false;
    }

    private static boolean fitsName(String s) {
        return isAscii(s) && s.length() <= NAME_FIELD_LEN;
    }

    private static boolean fitsUstarString(String s) {
        return isAscii(s) && s.length() <= TarBlock.NAME_LEN;
    }

    /**
     * Splits a long ASCII name at a '/' into a prefix of at most 155 and a name of at most 100
     * bytes, choosing the last usable slash; null when no split works.
     */
    static String[] splitUstarPath(String name) {
        int length = name.length();
        if (length <= TarBlock.NAME_LEN || !isAscii(name)) {
            return null;
        }
        int searchEnd;
        if (length > TarBlock.PREFIX_LEN + 1) {
            searchEnd = TarBlock.PREFIX_LEN + 1;
        } else if (name.charAt(length - 1) == '/') {
            searchEnd = length - 1;
        } else {
            searchEnd = length;
        }
        int slash = name.lastIndexOf('/', searchEnd - 1);
        int suffixLength = length - slash - 1;
        if (slash <= 0 || suffixLength > TarBlock.NAME_LEN || suffixLength == 0 || slash > TarBlock.PREFIX_LEN) {
            return null;
        }
        return new String[] {name.substring(0, slash), name.substring(slash + 1)};
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII characters of s; the real value is in a PAX record. */
    private static byte[] ascii(String s) {
        StringBuilder kept = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c != 0) {
                kept.append(c);
            }
        }
        return kept.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Passes writes through, counting them; the writer's own output never bypasses it. */
    private static final class Counting extends java.io.FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
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
