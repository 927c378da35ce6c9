package dev.jbuild.layertar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PAX extended header records, {@code "<length> <key>=<value>\n"}, with values kept as raw bytes:
 * an xattr value is binary (security.capability) and must survive exactly.
 */
final class PaxRecords {
    static final String PATH = "path";
    static final String LINKPATH = "linkpath";
    static final String SIZE = "size";
    static final String UID = "uid";
    static final String GID = "gid";
    static final String MTIME = "mtime";
    static final String UNAME = "uname";
    static final String GNAME = "gname";
    static final String XATTR_PREFIX = "SCHILY.xattr.";
    static final String GNU_SPARSE_PREFIX = "GNU.sparse.";

    private PaxRecords() {
    }

    /** Encodes records in the map's iteration order. */
    static byte[] encode(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            byte[] key = record.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = record.getValue();
            // The length counts its own digits, so adding them can add a digit.
            int rest = key.length + value.length + 3;
            int length = rest + digits(rest);
            if (digits(length) != digits(rest)) {
                length = rest + digits(length);
            }
            out.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(key);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    /** Decodes records; later records with the same key win. */
    static Map<String, byte[]> decode(byte[] data) throws MalformedLayerException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break; // some writers pad the data with NULs
            }
            int space = pos;
            long length = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9') {
                length = length * 10 + (data[space] - '0');
                if (length > data.length) {
                    throw new MalformedLayerException("PAX record length exceeds its header");
                }
                space++;
            }
            if (space == pos || space >= data.length || data[space] != ' ') {
                throw new MalformedLayerException("malformed PAX record length");
            }
            int end = pos + (int) length;
            if (end > data.length || end <= space + 1 || data[end - 1] != '\n') {
                throw new MalformedLayerException("malformed PAX record");
            }
            int eq = space + 1;
            while (eq < end - 1 && data[eq] != '=') {
                eq++;
            }
            if (eq >= end - 1 || eq == space + 1) {
                throw new MalformedLayerException("PAX record without key");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = Arrays.copyOfRange(data, eq + 1, end - 1);
            records.put(key, value);
            pos = end;
        }
        return records;
    }
}
