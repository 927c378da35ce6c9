package dev.jbuild.analysis;

import dev.jbuild.imagespec.Digest;
import java.util.List;
import java.util.Set;

/**
 * What one layer of an image does to the file system: the entries it writes and what its whiteouts
 * take away from the layers below.
 *
 * @param index the layer's place, from 0 at the bottom
 * @param size the layer blob's size as the image's manifest has it
 * @param createdBy the history entry that made the layer ({@code RUN ...}), or empty
 * @param deleted paths a {@code .wh.NAME} whiteout removes
 * @param opaque directories a {@code .wh..wh..opq} marker empties of what lower layers had
 */
public record LayerFiles(int index, Digest diffId, long size, String createdBy, List<FileEntry> entries,
                         Set<String> deleted, Set<String> opaque) {
    public LayerFiles {
        entries = List.copyOf(entries);
        deleted = Set.copyOf(deleted);
        opaque = Set.copyOf(opaque);
        createdBy = createdBy == null ? "" : createdBy;
    }

    /** The bytes of regular-file content the layer holds. */
    public long contentBytes() {
        return entries.stream().filter(FileEntry::isRegular).mapToLong(FileEntry::size).sum();
    }
}
