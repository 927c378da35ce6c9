package dev.jbuild.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Reading archives as name → bytes, and writing crafted ones (Commons Compress: an independent tar codec). */
final class ArchiveFiles {
    private ArchiveFiles() {
    }

    /** Regular files of a tar, in archive order. */
    static Map<String, byte[]> read(Path tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(tar); TarArchiveInputStream in = new TarArchiveInputStream(file)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isFile()) {
                    out.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Every entry's header, as {@code tar -tv} would describe it: type, mode, owner, mtime, size, name. */
    static List<String> headers(Path tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream file = Files.newInputStream(tar); TarArchiveInputStream in = new TarArchiveInputStream(file)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.add((entry.isDirectory() ? "d" : "-") + " " + Integer.toOctalString(entry.getMode()) + " "
                        + entry.getLongUserId() + ":" + entry.getLongGroupId() + " "
                        + entry.getModTime().getTime() / 1000 + " " + entry.getName());
            }
        }
        return out;
    }

    /** A tar of the given entries, written as they are (names not cleaned: for hostile archives). */
    static byte[] write(List<TarArchiveEntry> entries, List<byte[]> contents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (int i = 0; i < entries.size(); i++) {
                TarArchiveEntry entry = entries.get(i);
                byte[] content = contents.get(i);
                if (content != null && entry.isFile()) {
                    entry.setSize(content.length);
                }
                out.putArchiveEntry(entry);
                if (content != null && entry.isFile()) {
                    out.write(content);
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tar of regular files, name → bytes, in map order. */
    static byte[] write(Map<String, byte[]> files) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        files.forEach((name, content) -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setMode(0644);
            entries.add(entry);
            contents.add(content);
        });
        return write(entries, contents);
    }
}
