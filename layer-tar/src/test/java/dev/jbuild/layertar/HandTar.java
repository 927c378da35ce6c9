package dev.jbuild.layertar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Hand-crafted archives, written with Commons Compress (an independent tar writer) exactly as
 * given: absolute names, '..' and all.
 */
final class HandTar {
    private static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000L);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    HandTar() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    HandTar file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        entry.setSize(data.length);
        entry.setMode(0100644);
        return put(entry, data);
    }

    HandTar dir(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        entry.setMode(040755);
        return put(entry, null);
    }

    HandTar symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setMode(0120777);
        return put(entry, null);
    }

    HandTar hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        entry.setMode(0100644);
        return put(entry, null);
    }

    byte[] bytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private HandTar put(TarArchiveEntry entry, byte[] data) {
        try {
            entry.setModTime(MTIME.toEpochMilli());
            tar.putArchiveEntry(entry);
            if (data != null) {
                tar.write(data);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The entries of any tar as Commons Compress reads them. */
    static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static List<String> names(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        for (TarArchiveEntry entry : entries(tar)) {
            names.add(entry.getName());
        }
        return names;
    }

    /** Whether anything named like a staging area was left next to the target. */
    static boolean stagingLeftBehind(Path target) throws IOException {
        try (var siblings = Files.list(target.toAbsolutePath().getParent())) {
            return siblings.anyMatch(p -> p.getFileName().toString().startsWith(".layer-staging-"));
        }
    }
}
