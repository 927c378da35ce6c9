package dev.jbuild.layertar;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a layer (or an archive that ADD extracts) is applied.
 *
 * @param keepOwnership set each file's uid/gid from the archive (needs root); when false, files
 *     belong to the applying process
 * @param symlinkTraversal what to do with entries whose path goes through a symlink in the tree
 * @param stagingParent where to create the temporary directory that holds file contents until the
 *     whole archive has been checked; null means next to the target directory. It should be on the
 *     target's file system so that contents are moved, not copied, into place.
 * @param ownerOverride ids every entry gets instead of the archive's (ADD --chown), or null
 * @param whiteoutNamesRefused refuse {@code .wh.*} entries instead of applying them as deletions: an
 *     archive that ADD extracts is not a layer, and Docker would write such names as plain files
 * @param overlayFormat write the layer as its own diff in {@link OverlayFormat} into an empty target,
 *     as overlayfs keeps an upper directory: a whiteout becomes a 0/0 character device and an opaque
 *     marker the opaque attribute of its directory, rather than deleting what the target holds
 */
public record ApplyOptions(boolean keepOwnership, SymlinkTraversal symlinkTraversal, Path stagingParent,
                           Owner ownerOverride, boolean whiteoutNamesRefused, boolean overlayFormat) {

    /** A uid and gid pair. */
    public record Owner(int uid, int gid) {}

    public ApplyOptions {
        Objects.requireNonNull(symlinkTraversal, "symlinkTraversal");
    }

    public ApplyOptions(boolean keepOwnership, SymlinkTraversal symlinkTraversal, Path stagingParent) {
        this(keepOwnership, symlinkTraversal, stagingParent, null, false, false);
    }

    public ApplyOptions(boolean keepOwnership) {
        this(keepOwnership, SymlinkTraversal.SCOPED_TO_ROOT, null);
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(true);
    }

    public ApplyOptions withSymlinkTraversal(SymlinkTraversal traversal) {
        return new ApplyOptions(keepOwnership, traversal, stagingParent, ownerOverride, whiteoutNamesRefused, overlayFormat);
    }

    public ApplyOptions withStagingParent(Path parent) {
        return new ApplyOptions(keepOwnership, symlinkTraversal, parent, ownerOverride, whiteoutNamesRefused, overlayFormat);
    }

    public ApplyOptions withOwner(int uid, int gid) {
        return new ApplyOptions(keepOwnership, symlinkTraversal, stagingParent, new Owner(uid, gid),
                whiteoutNamesRefused, overlayFormat);
    }

    public ApplyOptions refusingWhiteoutNames() {
        return new ApplyOptions(keepOwnership, symlinkTraversal, stagingParent, ownerOverride, true, overlayFormat);
    }

    /** Writes the layer's own diff in overlay format ({@link #overlayFormat}). */
    public ApplyOptions inOverlayFormat() {
        return new ApplyOptions(keepOwnership, symlinkTraversal, stagingParent, ownerOverride, whiteoutNamesRefused, true);
    }
}
