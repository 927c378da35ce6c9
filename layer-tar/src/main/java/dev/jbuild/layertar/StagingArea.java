package dev.jbuild.layertar;

import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where file contents wait while the first pass checks the whole archive. Next to the target by
 * default, so that the second pass moves each file into place (a rename) rather than copying it.
 */
final class StagingArea implements AutoCloseable {
    private final Path directory;
    private long next;

    private StagingArea(Path directory) {
        this.directory = directory;
    }

    static StagingArea create(Path target, Path preferredParent) throws IOException {
        Path parent = preferredParent != null ? preferredParent : target.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
                return new StagingArea(Files.createTempDirectory(parent, ".layer-staging-"));
            } catch (IOException e) {
                if (preferredParent != null) {
                    throw e;
                }
                // Read-only or missing parent: the system temp dir still works, with copies instead of renames.
            }
        }
        return new StagingArea(Files.createTempDirectory("layer-staging-"));
    }

    /** Stores exactly {@code size} bytes of {@code content}. */
    Path store(InputStream content, long size) throws IOException {
        Path file = directory.resolve(Long.toString(next++));
        long copied = Files.copy(content, file);
        if (copied != size) {
            throw new MalformedLayerException("entry data ended after " + copied + " of " + size + " bytes");
        }
        return file;
    }

    /** Stores a sparse entry with its holes kept: {@code regions} is the data of the map's regions in order. */
    Path storeSparse(SparseMap map, InputStream regions) throws IOException {
        Path file = directory.resolve(Long.toString(next++));
        SparseFiles.write(map, regions, file);
        return file;
    }

    @Override
    public void close() throws IOException {
        FileTrees.delete(directory);
    }
}
