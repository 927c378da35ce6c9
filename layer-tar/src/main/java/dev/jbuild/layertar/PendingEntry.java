package dev.jbuild.layertar;

import java.nio.file.Path;

/**
 * An archive entry read in the first pass, checked lexically, its content (if any) parked in the
 * staging area.
 *
 * @param linkTarget the checked hardlink target; null for other types
 * @param staged the file holding a regular file's content; null when it is empty or not a file
 */
record PendingEntry(TarHeader header, EntryPath path, Role role, EntryPath linkTarget, Path staged) {

    enum Role {
        /** A file, directory, link or device to create. */
        CONTENT,
        /** {@code .wh.<name>}: removes {@code name} from the layers below. */
        WHITEOUT,
        /** {@code .wh..wh..opq}: hides the lower contents of its directory. */
        OPAQUE_MARKER,
        /** AUFS bookkeeping ({@code .wh..wh.plnk} and the like), skipped as Docker skips it. */
        IGNORED
    }

    String name() {
        return header.name();
    }

    /** For a whiteout, the path it removes. */
    EntryPath victim() {
        return path.parent().child(Whiteouts.victim(path.baseName()));
    }
}
