package dev.jbuild.builder.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Resolves a path inside a root directory as if the root were {@code /}: symlinks are followed, but an
 * absolute link target starts again at the root and {@code ..} never climbs above it (the semantics of
 * containerd's {@code RootPath}, which BuildKit uses for COPY sources and destinations). Whatever a symlink
 * in the tree says, the result stays inside the root.
 */
final class RootScope {
    private static final int MAX_LINKS = 255;

    private RootScope() {
    }

    /** The outcome: the path inside the root (relative, '/'-separated, "" for the root) and whether it exists. */
    record Resolved(String relative, boolean exists) {
        Path in(Path root) {
            return relative.isEmpty() ? root : root.resolve(relative);
        }
    }

    /**
     * @param path a path relative to the root or absolute (both mean the same)
     * @param followFinal whether a symlink in the last component is followed too
     * @param visible asked for every existing component (relative path, is directory); an invisible one counts
     *     as missing, as if it were not in the tree (.dockerignore'd context files)
     */
    static Resolved resolve(Path root, String path, boolean followFinal, BiPredicate<String, Boolean> visible)
            throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(component);
            String relative = String.join("/", done);
            FileStat stat = FileStat.lstat(root.resolve(relative));
            if (stat == null || !visible.test(relative, stat.isDirectory())) {
                done.addAll(pending.stream().filter(c -> !c.equals("..")).toList());
                return new Resolved(String.join("/", done), false);
            }
            boolean last = pending.isEmpty();
            if (stat.isSymlink() && (!last || followFinal)) {
                if (++links > MAX_LINKS) {
                    throw new CopyException("too many levels of symbolic links: " + path);
                }
                String target = Files.readSymbolicLink(root.resolve(relative)).toString();
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetComponents = components(target);
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetComponents.get(i));
                }
            } else if (!last && !stat.isDirectory()) {
                done.addAll(pending.stream().filter(c -> !c.equals("..")).toList());
                return new Resolved(String.join("/", done), false);
            }
        }
        return new Resolved(String.join("/", done), true);
    }

    static Resolved resolve(Path root, String path, boolean followFinal) throws IOException {
        return resolve(root, path, followFinal, (p, d) -> true);
    }

    private static List<String> components(String path) {
        return Arrays.stream(path.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }
}
