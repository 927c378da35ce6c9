package dev.jbuild.builder.frontend;

import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.UnsafeEntryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jbuild build -}: stdin is a plain tar of the context (Docker accepts plain tar here too) or a bare
 * Dockerfile with no context at all.
 */
final class StdinContext {
    private StdinContext() {}

    /** A POSIX tar has "ustar" at offset 257 of its first header. */
    static boolean isTar(byte[] bytes) {
        return bytes.length >= 512 && new String(bytes, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    /** Unpacks the context into {@code dir}, refusing any entry that would land outside it. */
    static Path unpack(byte[] tar, Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            LayerApplier.of(new ApplyOptions(false)).apply(new ByteArrayInputStream(tar), dir);
        } catch (UnsafeEntryException e) {
            throw new FrontendException("the context tar on stdin is unsafe to unpack: " + e.getMessage(), e);
        }
        return dir;
    }
}
