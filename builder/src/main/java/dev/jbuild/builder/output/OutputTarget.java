package dev.jbuild.builder.output;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a built image goes besides the store, as BuildKit's exporters name them: the store alone
 * ({@code image}), the root filesystem in a directory ({@code local}) or as a tar ({@code tar}), or the
 * image as a save archive ({@code docker}, {@code oci}). A value: {@link Outputs} writes it.
 */
public sealed interface OutputTarget {

    /** {@code type=image}: the image is in the store already; nothing more is written. */
    record Image() implements OutputTarget {}

    /** {@code type=local}: the final root filesystem, files as they are, in {@code directory}. */
    record Local(Path directory) implements OutputTarget {
        public Local {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /** {@code type=tar}: the final root filesystem as one tar, times clamped to the build's SOURCE_DATE_EPOCH. */
    record RootfsTar(Destination destination) implements OutputTarget {
        public RootfsTar {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * {@code type=docker} or {@code type=oci}: the image as a save archive (one file that is both a Docker
     * archive and an OCI layout), named by the build's tags or, without any, its ID.
     */
    record ImageArchive(ArchiveFormat format, Destination destination) implements OutputTarget {
        public ImageArchive {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(destination, "destination");
        }
    }

    enum ArchiveFormat { DOCKER, OCI }

    /** A file, or a stream the caller owns (stdout): written to, flushed, never closed. */
    sealed interface Destination {
        record ToFile(Path path) implements Destination {
            public ToFile {
                Objects.requireNonNull(path, "path");
            }
        }

        record ToStream(OutputStream stream) implements Destination {
            public ToStream {
                Objects.requireNonNull(stream, "stream");
            }
        }
    }
}
