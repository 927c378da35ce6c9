package dev.jbuild.builder.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists what one planned item copies, in the order a copy writes it (a directory before its contents,
 * names sorted). The checksum and the copy both read this list, so the cache key covers exactly what is
 * copied.
 */
final class ItemWalker {
    /**
     * @param relative the path below the item ("" for the item itself)
     * @param sourceRelative the path inside the source root
     */
    record Entry(String relative, String sourceRelative, FileStat stat) {}

    private final SourceView view;

    ItemWalker(SourceView view) {
        this.view = view;
    }

    List<Entry> walk(PlannedItem.Local item) throws IOException {
        FileStat top = FileStat.lstat(view.path(item.relative()));
        if (top == null) {
            throw CopyErrors.notFound("/" + item.relative());
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("", item.relative(), top));
        if (top.isDirectory()) {
            walkDirectory(item, "", item.filter().include() == null, entries);
        }
        return entries;
    }

    /** @return whether anything was added */
    private boolean walkDirectory(PlannedItem.Local item, String directory, boolean includeSatisfied,
                                  List<Entry> out) throws IOException {
        EntryFilter filter = item.filter();
        String sourceDirectory = join(item.relative(), directory);
        boolean added = false;
        for (String name : view.children(sourceDirectory)) {
            String relative = join(directory, name);
            String sourceRelative = join(item.relative(), relative);
            FileStat stat = FileStat.lstat(view.path(sourceRelative));
            if (stat == null) {
                continue; // vanished while walking
            }
            boolean satisfied = includeSatisfied;
            if (!satisfied) {
                PrefixPattern.Match match = filter.include().match(relative);
                if (match == PrefixPattern.Match.NONE || (match == PrefixPattern.Match.PARTIAL && !stat.isDirectory())) {
                    continue;
                }
                satisfied = match == PrefixPattern.Match.FULL;
            }
            boolean excluded = filter.excluded(relative);
            if (excluded && !(stat.isDirectory() && filter.mayIncludeBelow(relative))) {
                continue;
            }
            Entry entry = new Entry(relative, sourceRelative, stat);
            if (!stat.isDirectory()) {
                out.add(entry);
                added = true;
                continue;
            }
            if (satisfied && !excluded) {
                out.add(entry);
                walkDirectory(item, relative, true, out);
                added = true;
            } else {
                // Created only when something below is taken (--parents on the way to a match, or an
                // excluded directory with an exception inside).
                List<Entry> below = new ArrayList<>();
                if (walkDirectory(item, relative, satisfied, below)) {
                    out.add(entry);
                    out.addAll(below);
                    added = true;
                }
            }
        }
        return added;
    }

    static String join(String parent, String name) {
        return SourceView.join(parent, name);
    }
}
