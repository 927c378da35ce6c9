package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mount points the runtime will create in the root file system because the image lacks them
 * ({@code /proc}, {@code /dev}, {@code /etc/hosts}, a secret's {@code /run/secrets/id}, a cache
 * target…), recorded before the step and removed after it, as BuildKit does, so that they do not
 * end up in the layer. A stub is removed only if it is still an empty file or directory; the
 * directory that received it gets its mtime back when its set of names is as it was.
 */
final class MountStubs {
    private final Path rootfs;
    private final List<Path> stubs = new ArrayList<>();
    private final Map<Path, ParentState> parents = new LinkedHashMap<>();

    private record ParentState(FileTime mtime, Set<String> names) {
    }

    private MountStubs(Path rootfs) {
        this.rootfs = rootfs;
    }

    /**
     * Records the missing parts of every destination. A destination inside an earlier one (such as
     * {@code /dev/pts} in {@code /dev}) lives in that mount, not in the root file system.
     */
    static MountStubs record(Path rootfs, List<String> destinationsInMountOrder) throws IOException {
        MountStubs result = new MountStubs(rootfs);
        List<String> earlier = new ArrayList<>();
        for (String destination : destinationsInMountOrder) {
            if (earlier.stream().noneMatch(parent -> isInside(destination, parent))) {
                result.recordMissing(destination);
            }
            earlier.add(destination);
        }
        return result;
    }

    private void recordMissing(String destination) throws IOException {
        Path resolved = ScopedPath.resolve(rootfs, destination);
        Path existing = resolved;
        List<Path> missing = new ArrayList<>();
        while (!existing.equals(rootfs) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.add(0, existing);
            existing = existing.getParent();
        }
        if (missing.isEmpty()) {
            return;
        }
        if (!parents.containsKey(existing) && Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
            parents.put(existing, new ParentState(Files.getLastModifiedTime(existing, LinkOption.NOFOLLOW_LINKS),
                    names(existing)));
        }
        for (Path path : missing) {
            if (!stubs.contains(path)) {
                stubs.add(path);
            }
        }
    }

    /** Removes the stubs that are still empty (deepest first) and restores their parents' mtimes. */
    void remove() throws IOException {
        for (int i = stubs.size() - 1; i >= 0; i--) {
            Path stub = stubs.get(i);
            if (isEmptyStub(stub)) {
                Files.deleteIfExists(stub);
            }
        }
        for (Map.Entry<Path, ParentState> parent : parents.entrySet()) {
            Path dir = parent.getKey();
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && names(dir).equals(parent.getValue().names())) {
                Files.getFileAttributeView(dir, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(parent.getValue().mtime(), null, null);
            }
        }
    }

    List<Path> paths() {
        return List.copyOf(stubs);
    }

    private static boolean isEmptyStub(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                return !children.iterator().hasNext();
            }
        }
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0;
    }

    private static Set<String> names(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    private static boolean isInside(String path, String parent) {
        String prefix = parent.endsWith("/") ? parent : parent + "/";
        return path.startsWith(prefix);
    }
}
