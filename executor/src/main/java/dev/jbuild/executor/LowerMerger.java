package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.platform.Xattrs;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens lower directories (overlay format) into one plain directory, the way overlayfs would
 * show them: for each layer bottom to top, what the layer deletes or replaces is removed from the
 * target, then the layer is copied over it with {@code cp -a} (reflinks where the file system has
 * them), and finally the layer's own whiteout devices and opaque marks are taken out of the copy.
 */
final class LowerMerger {
    private static final String CP = "cp";

    private LowerMerger() {
    }

    static void merge(List<Path> bottomToTop, Path target) throws IOException {
        Files.createDirectories(target);
        for (Path layer : bottomToTop) {
            apply(layer, target);
        }
    }

    private static void apply(Path layer, Path target) throws IOException {
        Markers markers = clearWhatTheLayerReplaces(layer, target);
        Commands.check(List.of(CP, "-a", "--remove-destination", "--reflink=auto", "--no-target-directory",
                layer.toString(), target.toString()));
        for (String whiteout : markers.whiteouts()) {
            Path copied = target.resolve(whiteout);
            Files.deleteIfExists(copied);
            restoreMtime(layer.resolve(whiteout).getParent(), copied.getParent());
        }
        for (String opaque : markers.opaqueDirectories()) {
            Xattrs.remove(target.resolve(opaque), OverlayFormat.TRUSTED_OPAQUE);
            Xattrs.remove(target.resolve(opaque), OverlayFormat.USER_OPAQUE);
        }
    }

    /** Removes from target what the layer hides: whiteout victims, opaque directories' contents, type clashes. */
    private static Markers clearWhatTheLayerReplaces(Path layer, Path target) throws IOException {
        Markers markers = new Markers(new ArrayList<>(), new ArrayList<>());
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(layer)) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = layer.relativize(dir).toString();
                Path existing = target.resolve(relative);
                if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(existing);
                }
                if (OverlayFormat.isOpaque(dir)) {
                    markers.opaqueDirectories().add(relative);
                    if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                        FileTrees.delete(existing);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = layer.relativize(file).toString();
                Path existing = target.resolve(relative);
                boolean whiteout = !attrs.isRegularFile() && !attrs.isSymbolicLink()
                        && EntryInfo.readType(file).isOverlayWhiteout();
                if (whiteout) {
                    markers.whiteouts().add(relative);
                }
                if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.delete(existing);
                } else if (whiteout) {
                    Files.deleteIfExists(existing);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return markers;
    }

    private static void restoreMtime(Path from, Path to) throws IOException {
        FileTime mtime = Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS);
        Files.getFileAttributeView(to, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
    }

    private record Markers(List<String> whiteouts, List<String> opaqueDirectories) {
    }
}
