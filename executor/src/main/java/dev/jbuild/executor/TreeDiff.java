package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The changes of a full copy against the lowers it was copied from, found by walking both trees
 * side by side (type, mode, owner, mtime, xattrs, size, link target, then content when the
 * metadata is ambiguous). Deleted paths become whiteouts. This cost grows with the whole tree,
 * not with the change: it is the price of working where overlayfs cannot be mounted.
 */
final class TreeDiff {
    private final Path root;
    private final OverlayStack lowers;

    TreeDiff(Path root, OverlayStack lowers) {
        this.root = root;
        this.lowers = lowers;
    }

    List<Change> changes() throws IOException {
        List<Change> changes = new ArrayList<>();
        walk(root, "", lowers.root(), changes);
        return changes;
    }

    private void walk(Path dir, String prefix, OverlayStack.Dir below, List<Change> changes) throws IOException {
        SortedMap<String, Path> lowerChildren = below == null ? Collections.emptySortedMap() : below.children();
        TreeSet<String> names = new TreeSet<>(OverlayDiff.sortedNames(dir));
        names.addAll(lowerChildren.keySet());
        for (String name : names) {
            Path path = dir.resolve(name);
            String relative = prefix + name;
            Path lower = lowerChildren.get(name);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                changes.add(Change.deleted(relative));
                continue;
            }
            EntryInfo info = EntryInfo.read(path);
            EntryInfo lowerInfo = lower == null ? null : EntryInfo.read(lower);
            boolean overLower = EntryComparison.addChange(relative, path, info, lower, lowerInfo, changes);
            if (info.isDirectory()) {
                walk(path, relative + "/", overLower ? below.subdirectory(name) : null, changes);
            }
        }
    }
}
