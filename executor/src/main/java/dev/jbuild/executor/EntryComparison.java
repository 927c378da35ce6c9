package dev.jbuild.executor;

import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Decides what changed of an entry the step's tree holds, against the lowers' entry at its path: the same
 * rule for both drivers' diffs, so that they report the same changes.
 */
final class EntryComparison {
    private static final int BUFFER = 64 * 1024;

    private EntryComparison() {
    }

    /**
     * Adds the change of the entry at {@code relative}, if any: added when the lowers have nothing there
     * ({@code lower} null), modified when the type or metadata differ or, for a file, the content; a
     * directory's own change leaves its children to be compared one by one.
     *
     * @return for a directory, whether its children are compared with the lower directory's (false: the
     *     lowers have no directory there, so every child is new)
     */
    static boolean addChange(String relative, Path path, EntryInfo info, Path lower, EntryInfo lowerInfo,
                             List<Change> changes) throws IOException {
        if (lowerInfo == null) {
            changes.add(Change.added(relative));
            return false;
        }
        if (info.isDirectory()) {
            boolean lowerIsDirectory = lowerInfo.isDirectory();
            if (!lowerIsDirectory || !info.sameMetadata(lowerInfo)) {
                changes.add(Change.modified(relative));
            }
            return lowerIsDirectory;
        }
        if (!unchanged(path, info, lower, lowerInfo)) {
            changes.add(Change.modified(relative));
        }
        return false;
    }

    /**
     * Unchanged when the metadata is the same and, where the metadata cannot vouch for the
     * content ({@link EntryInfo#contentAmbiguous()}), the bytes are too.
     */
    static boolean unchanged(Path now, EntryInfo nowInfo, Path before, EntryInfo beforeInfo) throws IOException {
        if (!nowInfo.sameMetadata(beforeInfo)) {
            return false;
        }
        return !nowInfo.contentAmbiguous() || sameContent(now, before);
    }

    static boolean sameContent(Path a, Path b) throws IOException {
        try (InputStream left = Files.newInputStream(a); InputStream right = Files.newInputStream(b)) {
            byte[] leftBuffer = new byte[BUFFER];
            byte[] rightBuffer = new byte[BUFFER];
            while (true) {
                int leftCount = left.readNBytes(leftBuffer, 0, BUFFER);
                int rightCount = right.readNBytes(rightBuffer, 0, BUFFER);
                if (leftCount != rightCount
                        || !Arrays.equals(leftBuffer, 0, leftCount, rightBuffer, 0, rightCount)) {
                    return false;
                }
                if (leftCount < BUFFER) {
                    return true;
                }
            }
        }
    }
}
