package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Read-only view of a stack of lower directories in overlay format, as overlayfs would merge them:
 * the topmost entry of a path wins, a whiteout hides the path below, an opaque directory hides
 * what the layers below had in it, and a non-directory hides a directory below.
 *
 * <p>A view is handed out per directory ({@link Dir}), carrying the layers where that directory is
 * visible; a walk that descends with it never looks at a path twice nor at layers that cannot
 * matter, so a diff costs what the step touched, not depth times layers.
 */
final class LowerStack {
    private final Dir root;

    private LowerStack(List<Path> topFirst) {
        this.root = new Dir(List.copyOf(topFirst));
    }

    static LowerStack of(List<Path> lowerDirsBottomToTop) {
        List<Path> topFirst = new ArrayList<>(lowerDirsBottomToTop);
        Collections.reverse(topFirst);
        return new LowerStack(topFirst);
    }

    Dir root() {
        return root;
    }

    /** One directory of the merged view: the same directory in every layer where it shows through, top first. */
    static final class Dir {
        private final List<Path> layers;

        private Dir(List<Path> layers) {
            this.layers = layers;
        }

        /** The topmost visible entry {@code name} in this directory, or null when there is none. */
        Path entry(String name) throws IOException {
            for (Path layer : layers) {
                Path candidate = layer.resolve(name);
                EntryInfo info = typeOf(candidate);
                if (info != null) {
                    return info.isOverlayWhiteout() ? null : candidate;
                }
            }
            return null;
        }

        /** The subdirectory {@code name} as the merged view shows it, or null when it is not a directory. */
        Dir subdirectory(String name) throws IOException {
            List<Path> visible = new ArrayList<>();
            for (Path layer : layers) {
                Path candidate = layer.resolve(name);
                EntryInfo info = typeOf(candidate);
                if (info == null) {
                    continue;
                }
                if (!info.isDirectory()) {
                    break; // a whiteout or a file hides the layers below
                }
                visible.add(candidate);
                if (OverlayFormat.isOpaque(candidate)) {
                    break;
                }
            }
            return visible.isEmpty() ? null : new Dir(visible);
        }

        /** Every visible child: name to the topmost entry. */
        SortedMap<String, Path> children() throws IOException {
            SortedMap<String, Path> children = new TreeMap<>();
            Set<String> decided = new HashSet<>();
            for (Path layer : layers) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(layer)) {
                    for (Path child : stream) {
                        String name = child.getFileName().toString();
                        if (!decided.add(name)) {
                            continue;
                        }
                        EntryInfo info = typeOf(child);
                        if (info != null && !info.isOverlayWhiteout()) {
                            children.put(name, child);
                        }
                    }
                }
            }
            return children;
        }

        private static EntryInfo typeOf(Path path) throws IOException {
            try {
                return EntryInfo.readType(path);
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }
}
