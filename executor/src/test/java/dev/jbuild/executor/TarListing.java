package dev.jbuild.executor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists the entries of an uncompressed tar as readable one-line summaries (type, name, mode,
 * owner, link target, content digest, xattrs), applying PAX extended headers. Enough to compare
 * layers in tests without the layer-tar module's internals.
 */
final class TarListing {
    private static final int BLOCK = 512;

    private TarListing() {
    }

    static List<String> entries(byte[] tar) throws Exception {
        List<String> entries = new ArrayList<>();
        Map<String, String> pax = new HashMap<>();
        int offset = 0;
        while (offset + BLOCK <= tar.length) {
            if (isZero(tar, offset)) {
                break;
            }
            String name = string(tar, offset, 100);
            int mode = (int) octal(tar, offset + 100, 8);
            long uid = octal(tar, offset + 108, 8);
            long gid = octal(tar, offset + 116, 8);
            long size = octal(tar, offset + 124, 12);
            char type = (char) tar[offset + 156];
            String link = string(tar, offset + 157, 100);
            String prefix = string(tar, offset + 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            int dataStart = offset + BLOCK;
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            byte[] data = java.util.Arrays.copyOfRange(tar, dataStart, (int) (dataStart + size));
            offset = dataStart + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
            if (type == 'x') {
                pax.putAll(parsePax(data));
                continue;
            }
            if (type == 'g') {
                continue;
            }
            name = pax.getOrDefault("path", name);
            link = pax.getOrDefault("linkpath", link);
            Map<String, String> xattrs = new TreeMap<>();
            for (Map.Entry<String, String> record : pax.entrySet()) {
                if (record.getKey().startsWith("SCHILY.xattr.")) {
                    xattrs.put(record.getKey().substring("SCHILY.xattr.".length()), record.getValue());
                }
            }
            pax.clear();
            String content = type == '0' || type == '\0' ? " sha=" + sha(data).substring(0, 12) : "";
            entries.add(type + " " + name + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid
                    + (link.isEmpty() ? "" : " -> " + link) + content + (xattrs.isEmpty() ? "" : " " + xattrs));
        }
        return entries;
    }

    /** Just the names, in archive order. */
    static List<String> names(byte[] tar) throws Exception {
        List<String> names = new ArrayList<>();
        for (String entry : entries(tar)) {
            names.add(entry.split(" ")[1]);
        }
        return names;
    }

    private static Map<String, String> parsePax(byte[] data) {
        Map<String, String> records = new HashMap<>();
        int position = 0;
        while (position < data.length) {
            int space = position;
            while (data[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(data, position, space - position, StandardCharsets.US_ASCII));
            String record = new String(data, space + 1, length - (space - position) - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            records.put(record.substring(0, equals), record.substring(equals + 1));
            position += length;
        }
        return records;
    }

    private static boolean isZero(byte[] tar, int offset) {
        for (int i = offset; i < offset + BLOCK; i++) {
            if (tar[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] tar, int offset, int length) {
        String text = string(tar, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    private static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
