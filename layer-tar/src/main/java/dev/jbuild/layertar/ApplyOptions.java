package dev.jbuild.layertar;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a layer is applied.
 *
 * @param keepOwnership set each file's uid/gid from the archive (needs root); when false, files
 *     belong to the applying process
 * @param symlinkTraversal what to do with entries whose path goes through a symlink in the tree
 * @param stagingParent where to create the temporary directory that holds file contents until the
 *     whole archive has been checked; null means next to the target directory. It should be on the
 *     target's file system so that contents are moved, not copied, into place.
 */
public record ApplyOptions(boolean keepOwnership, SymlinkTraversal symlinkTraversal, Path stagingParent) {

    public ApplyOptions {
        Objects.requireNonNull(symlinkTraversal, "symlinkTraversal");
    }

    public ApplyOptions(boolean keepOwnership) {
        this(keepOwnership, SymlinkTraversal.SCOPED_TO_ROOT, null);
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(true);
    }

    public ApplyOptions withSymlinkTraversal(SymlinkTraversal traversal) {
        return new ApplyOptions(keepOwnership, traversal, stagingParent);
    }

    public ApplyOptions withStagingParent(Path parent) {
        return new ApplyOptions(keepOwnership, symlinkTraversal, parent);
    }
}
