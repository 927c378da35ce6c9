package dev.jbuild.layertar;

import java.util.Objects;

/**
 * One change of a layer, relative to the layer below: the path (relative to the tree root, '/' as
 * separator; a leading '/' is tolerated) and what happened to it.
 */
public record Change(String path, Kind kind) {

    public enum Kind {
        /** The path is new; it is written from the tree as it is now. */
        ADDED,
        /** The path existed below and changed; written like {@link #ADDED}. */
        MODIFIED,
        /** The path existed below and is gone: written as a {@code .wh.<name>} whiteout. */
        DELETED,
        /**
         * The directory replaces whatever the layers below had in it: written as the directory
         * itself plus a {@code .wh..wh..opq} marker inside it.
         */
        OPAQUE_DIR
    }

    public Change {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    public static Change added(String path) {
        return new Change(path, Kind.ADDED);
    }

    public static Change modified(String path) {
        return new Change(path, Kind.MODIFIED);
    }

    public static Change deleted(String path) {
        return new Change(path, Kind.DELETED);
    }

    public static Change opaqueDir(String path) {
        return new Change(path, Kind.OPAQUE_DIR);
    }
}
