package dev.jbuild.builder.files;

import java.nio.charset.StandardCharsets;

/** One thing a COPY/ADD places at the destination, after wildcards and --parents were resolved. */
sealed interface PlannedItem {

    /** Whether the item lands as a directory's contents (true) or as one file (false). */
    boolean directory();

    /**
     * A file or directory of the source tree.
     *
     * @param relative its path inside the source root after following symlinks ("" for the root)
     * @param name the name it gets inside a destination directory: the last component of the path as written
     *     (a symlink named {@code link.txt} is copied as {@code link.txt} with its target's content)
     * @param filter --exclude and --parents selection for what is below a directory
     */
    record Local(String relative, String name, boolean directory, EntryFilter filter) implements PlannedItem {}

    /** A heredoc, written as a regular file. */
    record Inline(String name, byte[] content) implements PlannedItem {
        Inline(CopyRequest.InlineFile file) {
            this(file.name(), file.content().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean directory() {
            return false;
        }
    }

    /** An {@code ADD http(s)://} source; {@code name} is the URL's last path segment. */
    record Url(String url, String name) implements PlannedItem {
        @Override
        public boolean directory() {
            return false;
        }
    }
}
