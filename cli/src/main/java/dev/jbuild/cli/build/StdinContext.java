package dev.jbuild.cli.build;

import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.LayerApplier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jbuild build -}: stdin is either a tar of the context (possibly compressed is not supported:
 * Docker accepts plain tar here too) or a bare Dockerfile, with no context at all.
 */
public record StdinContext(Path directory, String dockerfile) {

    /** Reads stdin; a tar is unpacked into {@code workDir}. */
    public static StdinContext read(InputStream stdin, Path workDir) throws IOException {
        byte[] bytes = stdin.readAllBytes();
        if (isTar(bytes)) {
            Files.createDirectories(workDir);
            try {
                LayerApplier.of(new ApplyOptions(false)).apply(new ByteArrayInputStream(bytes), workDir);
            } catch (dev.jbuild.layertar.UnsafeEntryException e) {
                throw new IOException("the context tar on stdin is unsafe to unpack: " + e.getMessage(), e);
            }
            return new StdinContext(workDir, null);
        }
        return new StdinContext(null, new String(bytes, StandardCharsets.UTF_8));
    }

    /** A POSIX tar has "ustar" at offset 257 of its first header. */
    static boolean isTar(byte[] bytes) {
        return bytes.length >= 512 && new String(bytes, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }
}
