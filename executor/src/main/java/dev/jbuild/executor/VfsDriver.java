package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A full copy of the merged lowers per workspace ({@code cp -a --reflink=auto}: a cheap clone on
 * btrfs and xfs, a real copy elsewhere), diffed by walking the copy against the lowers. Needs no
 * mount at all, so it works where overlayfs does not; both its setup and its diff cost grow with
 * the size of the image, not with the change.
 */
public final class VfsDriver implements StorageDriver {
    public static final String NAME = "vfs";
    private final Path home;

    public VfsDriver(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Workspace prepare(List<Path> lowerDirsBottomToTop) throws StorageException {
        return WorkspaceSetup.prepare(home, lowerDirsBottomToTop, "a vfs workspace", dir -> {
            Path rootfs = dir.resolve("rootfs");
            LowerMerger.merge(lowerDirsBottomToTop, rootfs);
            if (lowerDirsBottomToTop.isEmpty()) {
                Files.setAttribute(rootfs, "unix:mode", 0755);
            }
            return new VfsWorkspace(dir, rootfs, OverlayStack.of(lowerDirsBottomToTop));
        });
    }
}
