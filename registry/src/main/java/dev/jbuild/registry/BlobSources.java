package dev.jbuild.registry;

import dev.jbuild.store.StoreLayout;
import dev.jbuild.imagespec.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which registry repositories are known to hold a blob, as Docker's distribution metadata keeps it:
 * {@code <store>/registry/sources/<hex>} lists {@code registry/repository} lines. A push looks here for
 * a repository of the same registry to mount the blob from instead of uploading it. A line is appended
 * in one write, which the kernel keeps whole, so concurrent writers need no lock; a stale line only
 * costs a mount that the registry answers with an upload.
 */
final class BlobSources {
    private final Path dir;

    BlobSources(StoreLayout layout) {
        this.dir = layout.registrySourcesDir();
    }

    void record(Digest blob, String registry, String repository) throws IOException {
        String line = registry + "/" + repository;
        if (repositories(blob).contains(line)) {
            return;
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(blob.hex()), (line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** {@code registry/repository} names, oldest first. */
    Set<String> repositories(Digest blob) throws IOException {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(blob.hex()), StandardCharsets.UTF_8);
            Set<String> out = new LinkedHashSet<>();
            lines.stream().map(String::trim).filter(l -> !l.isEmpty()).forEach(out::add);
            return out;
        } catch (NoSuchFileException e) {
            return Set.of();
        }
    }

    /** A repository of {@code registry} other than {@code repository} that holds the blob, or null. */
    String mountSource(Digest blob, String registry, String repository) throws IOException {
        String prefix = registry + "/";
        for (String line : repositories(blob)) {
            if (line.startsWith(prefix) && !line.substring(prefix.length()).equals(repository)) {
                return line.substring(prefix.length());
            }
        }
        return null;
    }
}
