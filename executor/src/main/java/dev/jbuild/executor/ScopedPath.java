package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root file system as the container would see it: symlinks are
 * followed, but an absolute target or a ".." starts again from (or stops at) the root, never the
 * host's. Reading an image's {@code /etc/passwd} must not read the host's through a symlink.
 */
final class ScopedPath {
    private static final int MAX_LINKS = 40;

    private ScopedPath() {
    }

    /** The host path of {@code containerPath} within {@code root}; missing components are kept as named. */
    static Path resolve(Path root, String containerPath) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(containerPath));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String component = pending.removeFirst();
            if (component.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, resolved).resolve(component);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links resolving " + containerPath);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                List<String> targetComponents = components(target);
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetComponents.get(i));
                }
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                continue;
            }
            resolved.add(component);
        }
        return join(root, resolved);
    }

    /** The path relative to the root, as resolved by {@link #resolve}: "" for the root itself. */
    static String relative(Path root, Path resolved) {
        return root.relativize(resolved).toString();
    }

    private static List<String> components(String path) {
        List<String> components = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                components.add(part);
            }
        }
        return components;
    }

    private static Path join(Path root, List<String> components) {
        Path path = root;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }
}
