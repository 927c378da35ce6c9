package dev.jbuild.analysis;

import java.util.List;

/**
 * A path that differs between two images.
 *
 * @param before the version in the first image, null when added
 * @param after the version in the second image, null when removed
 * @param aspects for a changed path, what changed ({@code content}, {@code mode}, {@code owner},
 *     {@code link target}, {@code xattrs}, {@code type}); empty for added and removed paths
 */
public record FileChange(String path, Kind kind, FileEntry before, FileEntry after, List<String> aspects) {
    public enum Kind { ADDED, REMOVED, CHANGED }

    public FileChange {
        aspects = List.copyOf(aspects);
    }
}
