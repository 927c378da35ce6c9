package dev.jbuild.layertar;

/**
 * One change to the target, in the order the second pass makes them. Keys are paths relative to
 * the target whose every component is, at that moment, a real directory (symlinks already
 * resolved), so no step ever follows a link.
 */
sealed interface PlanStep {

    /** A parent directory the archive implies but does not contain (0755, like Docker's MkdirAll). */
    record MakeDirectory(String key) implements PlanStep {
    }

    /** Remove whatever is at key, recursively, without following symlinks. */
    record Remove(String key) implements PlanStep {
    }

    /** An overlay whiteout at key (nothing is there): the layers below lose the path. */
    record MakeWhiteout(String key) implements PlanStep {
    }

    /** Mark the directory at key opaque in overlay format: the layers below lose what they had in it. */
    record MarkOpaque(String key) implements PlanStep {
    }

    /** Remove everything inside the directory at key (opaque whiteout of the layers below). */
    record ClearDirectory(String key) implements PlanStep {
    }

    /**
     * Create the entry at key (nothing is there), or, with {@code mergeIntoExistingDirectory}, only
     * give the existing directory the entry's attributes.
     */
    record Create(String key, PendingEntry entry, boolean mergeIntoExistingDirectory) implements PlanStep {
    }

    /** A hardlink at key to the existing non-directory at targetKey. */
    record Link(String key, String targetKey, PendingEntry entry) implements PlanStep {
    }
}
