package dev.jbuild.builder.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The destination side of a copy: where an item lands (fsutil's rules, with the destination resolved
 * through the target's symlinks as if the target were {@code /}) and the directories created on the way
 * (0755 or --chmod, owner --chown or 0:0, time SOURCE_DATE_EPOCH or now).
 */
final class TargetTree {
    private final Path root;
    private final MetadataPolicy policy;
    private final List<Path> created = new ArrayList<>();
    private final List<String> unsearchable = java.util.Collections.synchronizedList(new ArrayList<>());

    TargetTree(Path root, MetadataPolicy policy) {
        this.root = root;
        this.policy = policy;
    }

    Path root() {
        return root;
    }

    /** Whether the destination already is a directory (through symlinks). */
    boolean isDirectory(String destination) throws IOException {
        RootScope.Resolved resolved = RootScope.resolve(root, SourcePaths.cleanRelative(destination), true);
        if (!resolved.exists()) {
            return false;
        }
        FileStat stat = FileStat.lstat(resolved.in(root));
        return stat != null && stat.isDirectory();
    }

    /**
     * Where an item goes. A destination ending in '/' is a directory (created if missing); a file source
     * goes inside an existing directory under its own name; otherwise the destination itself is the new
     * name (for a directory source: the directory that receives its contents).
     */
    Path place(String destination, String name, boolean sourceIsDirectory) throws IOException {
        String clean = SourcePaths.cleanRelative(destination);
        ensureDirectory(SourcePaths.namesDirectory(destination) ? clean : SourcePaths.parent(clean));
        RootScope.Resolved resolved = RootScope.resolve(root, clean, true);
        Path path = resolved.in(root);
        FileStat existing = resolved.exists() ? FileStat.lstat(path) : null;
        if (!sourceIsDirectory && existing != null && existing.isDirectory()) {
            path = path.resolve(name);
        }
        if (sourceIsDirectory && existing == null) {
            ensureDirectory(resolved.relative());
        } else if (!path.equals(root)) {
            ensureDirectory(root.relativize(path.getParent()).toString());
        }
        if (sourceIsDirectory && existing != null && !existing.isDirectory()) {
            throw new CopyException("cannot copy to non-directory: " + display(path));
        }
        return path;
    }

    /** The destination directory for an extracted archive: always a directory, created if missing. */
    Path directory(String destination) throws IOException {
        String clean = SourcePaths.cleanRelative(destination);
        ensureDirectory(clean);
        return RootScope.resolve(root, clean, true).in(root);
    }

    /** mkdir -p inside the target, following its symlinks (scoped), creating what is missing. */
    void ensureDirectory(String relative) throws IOException {
        RootScope.Resolved resolved = RootScope.resolve(root, relative, true);
        Path current = root;
        for (String component : resolved.relative().isEmpty() ? new String[0] : resolved.relative().split("/")) {
            current = current.resolve(component);
            FileStat stat = FileStat.lstat(current);
            if (stat == null) {
                Files.createDirectory(current);
                Metadata.chown(current, policy.createdUid(), policy.createdGid());
                Metadata.chmod(current, policy.createdDirectoryMode());
                directoryMode(current, policy.createdDirectoryMode());
                created.add(current);
            } else if (!stat.isDirectory()) {
                throw new CopyException("cannot create directory " + display(current) + ": not a directory");
            }
        }
    }

    /**
     * With SOURCE_DATE_EPOCH, gives the directories this copy created that time, deepest first, once nothing
     * more is written into them (each write inside a directory moves its mtime).
     */
    void finish() throws IOException {
        if (policy.epoch() == null) {
            return;
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            Metadata.setTimes(created.get(i), policy.epoch());
        }
    }

    /** Notes the mode --chmod gave a directory, when it leaves the directory readable but not searchable. */
    void directoryMode(Path directory, int mode) {
        if (policy.chmod() != null && dev.jbuild.parser.instructions.ChmodMode.unsearchable(mode)) {
            unsearchable.add(display(directory));
        }
    }

    /** The directories {@link #directoryMode} noted, sorted. */
    List<String> unsearchableDirectories() {
        synchronized (unsearchable) {
            return unsearchable.stream().sorted().toList();
        }
    }

    /** A target path as the user knows it: absolute inside the image. */
    String display(Path path) {
        String relative = root.relativize(path).toString();
        return "/" + relative;
    }
}
