package dev.jbuild.executor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Decides whether an entry present on both sides of a diff is unchanged. */
final class EntryComparison {
    private static final int BUFFER = 64 * 1024;

    private EntryComparison() {
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
