package dev.jbuild.builder.files;

import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.DockerIgnoreSyntaxException;

import java.util.List;

/**
 * Which entries below a copied directory are taken: {@code --exclude} patterns (.dockerignore syntax,
 * relative to the copied directory) and the {@code --parents} include pattern.
 *
 * @param excludes null when there are none
 * @param include null when everything is taken
 */
record EntryFilter(DockerIgnore excludes, PrefixPattern include) {
    static final EntryFilter ALL = new EntryFilter(null, null);

    static DockerIgnore compileExcludes(List<String> patterns) {
        if (patterns.isEmpty()) {
            return null;
        }
        try {
            return DockerIgnore.parse(String.join("\n", patterns));
        } catch (DockerIgnoreSyntaxException e) {
            throw new CopyException("invalid --exclude pattern: " + e.getMessage(), e);
        }
    }

    EntryFilter withExcludes(DockerIgnore patterns) {
        return new EntryFilter(patterns, include);
    }

    boolean excluded(String relative) {
        return excludes != null && !relative.isEmpty() && excludes.isExcluded(relative);
    }

    /** An excluded directory is still walked when a '!' pattern may bring back something inside. */
    boolean mayIncludeBelow(String relative) {
        return excludes != null && excludes.mayContainIncludedFiles(relative);
    }
}
