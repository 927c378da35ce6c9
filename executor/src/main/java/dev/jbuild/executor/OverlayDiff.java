package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import dev.jbuild.layertar.OverlayStack;
import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of an overlay workspace, read from its upper directory alone (plus a look at the
 * lower entry for each path the upper holds): the cost follows what the step wrote, not the size
 * of the image below.
 *
 * <p>Whiteouts (0/0 character devices) become deletions, opaque directories become
 * {@link Change.Kind#OPAQUE_DIR}. Entries overlayfs copied up without changing them (a parent
 * directory, a file opened for writing but not written) are left out when their metadata, and if
 * need be their content, equal the lower entry's, so that both drivers report the same diff.
 */
final class OverlayDiff {
    private final Path upper;
    private final OverlayStack lowers;

    OverlayDiff(Path upper, OverlayStack lowers) {
        this.upper = upper;
        this.lowers = lowers;
    }

    List<Change> changes() throws IOException {
        List<Change> changes = new ArrayList<>();
        walk(upper, "", lowers.root(), changes);
        return changes;
    }

    /** @param below the same directory in the lowers, or null when nothing below shows through */
    private void walk(Path dir, String prefix, OverlayStack.Dir below, List<Change> changes) throws IOException {
        for (String name : sortedNames(dir)) {
            Path path = dir.resolve(name);
            String relative = prefix + name;
            EntryInfo info = EntryInfo.read(path);
            Path lower = below == null ? null : below.entry(name);
            if (info.isOverlayWhiteout()) {
                if (lower != null) {
                    changes.add(Change.deleted(relative));
                }
                continue;
            }
            EntryInfo lowerInfo = lower == null ? null : EntryInfo.read(lower);
            if (info.isDirectory() && lowerInfo != null && lowerInfo.isDirectory() && OverlayFormat.isOpaque(path)) {
                changes.add(Change.opaqueDir(relative));
                walk(path, relative + "/", null, changes);
                continue;
            }
            boolean overLower = EntryComparison.addChange(relative, path, info, lower, lowerInfo, changes);
            if (info.isDirectory()) {
                walk(path, relative + "/", overLower ? below.subdirectory(name) : null, changes);
            }
        }
    }

    static List<String> sortedNames(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }
}
