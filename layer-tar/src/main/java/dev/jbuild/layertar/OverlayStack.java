package dev.jbuild.layertar;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Read-only view of a stack of directories in overlay format ({@link OverlayFormat}), as overlayfs would
 * merge them: the topmost entry of a path wins, a whiteout hides the path below, an opaque directory hides
 * what the layers below had in it, and a non-directory hides a directory below.
 *
 * <p>A view is handed out per directory ({@link Dir}), carrying the layers where that directory is
 * visible; a walk that descends with it never looks at a path twice nor at layers that cannot
 * matter, so a diff costs what the step touched, not depth times layers.
 */
public final class OverlayStack {
    private final Dir root;

    private OverlayStack(List<Path> topFirst) {
        this.root = new Dir(List.copyOf(topFirst));
    }

    public static OverlayStack of(List<Path> bottomToTop) {
        List<Path> topFirst = new ArrayList<>(bottomToTop);
        Collections.reverse(topFirst);
        return new OverlayStack(topFirst);
    }

    public Dir root() {
        return root;
    }

    /** Whether the stack has no layer at all (an empty root). */
    public boolean isEmpty() {
        return root.layers.isEmpty();
    }

    /**
     * The topmost visible entry at {@code key} ({@code a/b/c}; "" is the root), or null when the merged
     * view has nothing there. Symlinks in the path are not followed.
     */
    public Path entry(String key) throws IOException {
        if (key.isEmpty()) {
            return root.layers.isEmpty() ? null : root.layers.get(0);
        }
        Dir dir = root;
        int start = 0;
        int slash;
        while ((slash = key.indexOf('/', start)) >= 0) {
            dir = dir.subdirectory(key.substring(start, slash));
            if (dir == null) {
                return null;
            }
            start = slash + 1;
        }
        return dir.entry(key.substring(start));
    }

    /** One directory of the merged view: the same directory in every layer where it shows through, top first. */
    public static final class Dir {
        private final List<Path> layers;

        private Dir(List<Path> layers) {
            this.layers = layers;
        }

        /** The directory in each layer where it shows, top first: the first one carries its attributes. */
        public List<Path> layers() {
            return layers;
        }

        /** The topmost visible entry {@code name} in this directory, or null when there is none. */
        public Path entry(String name) throws IOException {
            for (Path layer : layers) {
                Path candidate = layer.resolve(name);
                Kind kind = kindOf(candidate);
                if (kind != null) {
                    return kind == Kind.WHITEOUT ? null : candidate;
                }
            }
            return null;
        }

        /** The subdirectory {@code name} as the merged view shows it, or null when it is not a directory. */
        public Dir subdirectory(String name) throws IOException {
            List<Path> visible = new ArrayList<>();
            for (Path layer : layers) {
                Path candidate = layer.resolve(name);
                Kind kind = kindOf(candidate);
                if (kind == null) {
                    continue;
                }
                if (kind != Kind.DIRECTORY) {
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
        public SortedMap<String, Path> children() throws IOException {
            SortedMap<String, Path> children = new TreeMap<>();
            Set<String> decided = new HashSet<>();
            for (Path layer : layers) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(layer)) {
                    for (Path child : stream) {
                        String name = child.getFileName().toString();
                        if (!decided.add(name)) {
                            continue;
                        }
                        Kind kind = kindOf(child);
                        if (kind != null && kind != Kind.WHITEOUT) {
                            children.put(name, child);
                        }
                    }
                }
            }
            return children;
        }
    }

    private enum Kind { DIRECTORY, WHITEOUT, OTHER }

    private static Kind kindOf(Path path) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        int mode = (Integer) attributes.get("mode");
        if (OverlayFormat.isWhiteout(mode, (Long) attributes.get("rdev"))) {
            return Kind.WHITEOUT;
        }
        return (mode & 0170000) == 0040000 ? Kind.DIRECTORY : Kind.OTHER;
    }
}
