package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Kernel overlayfs: the lowers are mounted read-only under a fresh upper directory, which
 * collects exactly what the step wrote; the diff is read from it.
 *
 * <p>Each workspace lives in {@code home/<id>/} ({@code upper}, {@code work}, {@code merged}),
 * claimed by this process so that {@link Janitor} can remove it after a crash.
 */
public final class OverlayDriver implements StorageDriver {
    public static final String NAME = "overlay";
    private final Path home;
    private final String features;

    public OverlayDriver(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.features = OverlayMount.supportedFeatureOptions();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Workspace prepare(List<Path> lowerDirsBottomToTop) throws StorageException {
        return WorkspaceSetup.prepare(home, lowerDirsBottomToTop, "an overlay workspace", dir -> {
            Path upper = Files.createDirectory(dir.resolve("upper"));
            Path work = Files.createDirectory(dir.resolve("work"));
            Path merged = Files.createDirectory(dir.resolve("merged"));
            List<Path> lowers = mountableLowers(lowerDirsBottomToTop, dir);
            copyRootAttributes(lowers.isEmpty() ? null : lowers.get(lowers.size() - 1), upper);
            if (lowers.isEmpty()) {
                // overlayfs needs a lower directory; scratch is an empty one.
                lowers = List.of(Files.createDirectory(dir.resolve("empty")));
            }
            List<Path> topFirst = new ArrayList<>(lowers);
            Collections.reverse(topFirst);
            OverlayMount.mount(topFirst, upper, work, merged, features);
            return new OverlayWorkspace(dir, upper, merged, OverlayStack.of(lowers));
        });
    }

    /**
     * The lowers as they can be mounted: when there are more than the mount options can name, the
     * bottom ones are flattened into one directory first (a copy, paid once per workspace).
     */
    private List<Path> mountableLowers(List<Path> lowers, Path dir) throws IOException {
        int max = OverlayMount.maxLowersByDescriptor(features);
        if (lowers.size() <= max) {
            return lowers;
        }
        int flattenCount = lowers.size() - max + 1;
        Path flattened = dir.resolve("flattened");
        LowerMerger.merge(lowers.subList(0, flattenCount), flattened);
        List<Path> result = new ArrayList<>();
        result.add(flattened);
        result.addAll(lowers.subList(flattenCount, lowers.size()));
        return result;
    }

    /** The merged root shows the upper directory's own mode and owner: give it the image root's. */
    private static void copyRootAttributes(Path lowerRoot, Path upper) throws IOException {
        int uid = 0;
        int gid = 0;
        int mode = 0755;
        if (lowerRoot != null) {
            Map<String, Object> attributes = Files.readAttributes(lowerRoot, "unix:uid,gid,mode");
            uid = (Integer) attributes.get("uid");
            gid = (Integer) attributes.get("gid");
            mode = (Integer) attributes.get("mode") & 07777;
        }
        Files.setAttribute(upper, "unix:uid", uid);
        Files.setAttribute(upper, "unix:gid", gid);
        Files.setAttribute(upper, "unix:mode", mode);
    }
}
