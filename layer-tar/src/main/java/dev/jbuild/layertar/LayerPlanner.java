package dev.jbuild.layertar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first pass of applying a layer: plays the whole archive against a model of the target and
 * turns it into {@link PlanStep}s, refusing any entry that would reach outside the target. It only
 * reads the target (lstat, readlink); the model is the target as it is, overlaid with what the
 * entries so far would have changed, so that a symlink created earlier in the same archive is seen
 * by the entries after it exactly as the second pass will meet it.
 *
 * <p>Path resolution follows Docker's semantics: the last component of an entry is never followed
 * (an entry replaces a symlink, it does not write through it); earlier components that are
 * symlinks are followed with the target as root ({@code /} and {@code ..} stop there), or refused
 * under {@link SymlinkTraversal#REFUSE}.
 */
final class LayerPlanner {
    /** Linux gives up after 40 links in one path (ELOOP); so does the model. */
    private static final int MAX_SYMLINK_HOPS = 40;
    private static final int PATH_MAX = 4096;

    private enum Kind { ABSENT, DIRECTORY, SYMLINK, OTHER }

    /**
     * What is at a path.
     *
     * @param hidesLower for a directory: its contents in the target as it was are gone (it is new,
     *     replaced something, or was cleared by an opaque whiteout)
     * @param fromLayer this archive created or changed it; whiteouts leave it alone
     */
    private record Node(Kind kind, String linkTarget, boolean hidesLower, boolean fromLayer) {
        static final Node ABSENT = new Node(Kind.ABSENT, null, false, false);
        static final Node LOWER_DIRECTORY = new Node(Kind.DIRECTORY, null, false, false);
    }

    /** A path component still to resolve; {@code fromLink} when it comes from a symlink's target. */
    private record Step(String name, boolean fromLink) {
    }

    /** What the second pass will do, and a few counts for the result. */
    record Plan(List<PlanStep> steps, int whiteouts, int clearedDirectories) {
    }

    private final Path target;
    private final SymlinkTraversal traversal;
    private final int targetPathBytes;
    /** Paths the archive changed so far; TreeMap so that a subtree is one key range. */
    private final TreeMap<String, Node> overlay = new TreeMap<>();
    private final Map<String, Node> lowerCache = new HashMap<>();
    private final List<PlanStep> steps = new ArrayList<>();
    private int whiteouts;
    private int clearedDirectories;

    /** Write deletions as overlay whiteouts and opaque attributes rather than apply them. */
    private final boolean overlayFormat;

    LayerPlanner(Path target, SymlinkTraversal traversal, boolean overlayFormat) {
        this.target = target;
        this.traversal = traversal;
        this.overlayFormat = overlayFormat;
        this.targetPathBytes = target.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
    }

    Plan plan(List<PendingEntry> entries) throws IOException, UnsafeEntryException {
        Set<String> opaqueDirectories = new HashSet<>();
        for (PendingEntry entry : entries) {
            if (entry.role() == PendingEntry.Role.OPAQUE_MARKER) {
                opaqueDirectories.add(entry.path().parent().key());
            }
        }
        Set<String> cleared = new HashSet<>();
        for (PendingEntry entry : entries) {
            if (entry.role() == PendingEntry.Role.IGNORED) {
                continue;
            }
            // The spec applies an opaque marker before the layer's own entries in that directory,
            // wherever the marker sits in the archive: clear right before the first entry inside.
            for (String ancestor : entry.path().ancestorKeys()) {
                if (opaqueDirectories.contains(ancestor) && cleared.add(ancestor)) {
                    clearLower(lexicalPath(entry.path(), ancestor), entry);
                }
            }
            switch (entry.role()) {
                case WHITEOUT -> whiteout(entry);
                case CONTENT -> {
                    content(entry);
                    String key = entry.path().key();
                    if (opaqueDirectories.contains(key) && cleared.add(key)) {
                        clearLower(entry.path(), entry);
                    }
                }
                default -> {
                    // the marker did its work through the ancestor loop above
                }
            }
        }
        return new Plan(List.copyOf(steps), whiteouts, clearedDirectories);
    }

    private void content(PendingEntry entry) throws IOException, UnsafeEntryException {
        TarHeader header = entry.header();
        if (entry.path().isRoot()) {
            // "./" carries the root directory's own attributes; the root itself stays.
            Node root = lookup("");
            overlay.put("", new Node(Kind.DIRECTORY, null, root.hidesLower(), true));
            steps.add(new PlanStep.Create("", entry, true));
            return;
        }
        String parent = resolveDirectories(entry.path().parent(), true, entry);
        String key = join(parent, entry.path().baseName());
        requireShortEnough(key, entry);
        Node existing = lookup(key);

        if (header.type() == TarEntryType.HARDLINK) {
            // Docker removes the old path before linking, so a link to itself finds nothing.
            vacate(key, existing);
            String linkParent = resolveDirectories(entry.linkTarget().parent(), false, entry);
            String linkKey = linkParent == null ? null : join(linkParent, entry.linkTarget().baseName());
            Node linked = linkKey == null ? Node.ABSENT : lookup(linkKey);
            if (linked.kind() == Kind.ABSENT) {
                throw new UnsafeEntryException(entry.name(), "hardlink target '" + header.linkName()
                        + "' does not exist in the layer or below it");
            }
            if (linked.kind() == Kind.DIRECTORY) {
                throw new UnsafeEntryException(entry.name(), "hardlink target '" + header.linkName()
                        + "' is a directory");
            }
            overlay.put(key, new Node(linked.kind(), linked.linkTarget(), false, true));
            steps.add(new PlanStep.Link(key, linkKey, entry));
            return;
        }
        if (header.type() == TarEntryType.DIRECTORY && existing.kind() == Kind.DIRECTORY) {
            overlay.put(key, new Node(Kind.DIRECTORY, null, existing.hidesLower(), true));
            steps.add(new PlanStep.Create(key, entry, true));
            return;
        }
        vacate(key, existing);
        Node created = switch (header.type()) {
            case DIRECTORY -> new Node(Kind.DIRECTORY, null, true, true);
            case SYMLINK -> new Node(Kind.SYMLINK, header.linkName(), false, true);
            default -> new Node(Kind.OTHER, null, false, true);
        };
        overlay.put(key, created);
        steps.add(new PlanStep.Create(key, entry, false));
    }

    /** Removes what the layers below have at the victim path; never what this layer put there. */
    private void whiteout(PendingEntry entry) throws IOException, UnsafeEntryException {
        EntryPath victim = entry.victim();
        String parent = resolveDirectories(victim.parent(), overlayFormat, entry);
        if (parent == null) {
            return;
        }
        String key = join(parent, victim.baseName());
        Node existing = lookup(key);
        if (overlayFormat) {
            // What hides the path lies in the layers below, which an overlay diff cannot see: keep the mark.
            if (!existing.fromLayer()) {
                vacate(key, existing);
                overlay.put(key, new Node(Kind.OTHER, null, false, false));
                steps.add(new PlanStep.MakeWhiteout(key));
                whiteouts++;
            }
            return;
        }
        if (existing.kind() == Kind.ABSENT || existing.fromLayer()) {
            return;
        }
        vacate(key, existing);
        whiteouts++;
    }

    /** Empties a directory of what the layers below put in it. A symlink there is left alone, as Docker does. */
    private void clearLower(EntryPath directory, PendingEntry entry) throws IOException, UnsafeEntryException {
        String key;
        if (directory.isRoot()) {
            key = "";
        } else if (overlayFormat) {
            key = resolveDirectories(directory, true, entry);
        } else {
            String parent = resolveDirectories(directory.parent(), false, entry);
            if (parent == null) {
                return;
            }
            key = join(parent, directory.baseName());
        }
        Node existing = lookup(key);
        if (overlayFormat) {
            if (existing.kind() == Kind.DIRECTORY) {
                overlay.put(key, new Node(Kind.DIRECTORY, null, true, existing.fromLayer()));
                steps.add(new PlanStep.MarkOpaque(key));
                clearedDirectories++;
            }
            return;
        }
        if (existing.kind() != Kind.DIRECTORY) {
            return;
        }
        overlay.put(key, new Node(Kind.DIRECTORY, null, true, existing.fromLayer()));
        dropDescendants(key);
        steps.add(new PlanStep.ClearDirectory(key));
        clearedDirectories++;
    }

    private void vacate(String key, Node existing) {
        if (existing.kind() == Kind.ABSENT) {
            return;
        }
        overlay.put(key, Node.ABSENT);
        dropDescendants(key);
        steps.add(new PlanStep.Remove(key));
    }

    /**
     * Resolves a directory path to the key of the real directory it names, following symlinks
     * scoped to the target. With {@code create}, missing directories become MakeDirectory steps
     * (like Docker's MkdirAll); without, a missing or non-directory component gives null.
     */
    private String resolveDirectories(EntryPath directory, boolean create, PendingEntry entry)
            throws IOException, UnsafeEntryException {
        Deque<Step> pending = new ArrayDeque<>();
        for (String component : directory.components()) {
            pending.addLast(new Step(component, false));
        }
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            Step step = pending.removeFirst();
            if (step.name().isEmpty() || step.name().equals(".")) {
                continue;
            }
            if (step.name().equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            String key = join(String.join("/", resolved), step.name());
            Node node = lookup(key);
            switch (node.kind()) {
                case DIRECTORY -> resolved.add(step.name());
                case SYMLINK -> {
                    if (traversal == SymlinkTraversal.REFUSE) {
                        throw new UnsafeEntryException(entry.name(), "its path goes through the symbolic link '"
                                + key + "' -> '" + node.linkTarget() + "'");
                    }
                    if (++hops > MAX_SYMLINK_HOPS) {
                        throw new UnsafeEntryException(entry.name(), "too many levels of symbolic links at '"
                                + key + "'");
                    }
                    String link = node.linkTarget();
                    if (link.startsWith("/")) {
                        resolved.clear();
                    }
                    String[] parts = link.split("/", -1);
                    for (int i = parts.length - 1; i >= 0; i--) {
                        pending.addFirst(new Step(parts[i], true));
                    }
                }
                case ABSENT -> {
                    if (!create) {
                        return null;
                    }
                    if (step.fromLink()) {
                        throw new UnsafeEntryException(entry.name(), "its path goes through a symbolic link to '"
                                + key + "', which does not exist");
                    }
                    overlay.put(key, new Node(Kind.DIRECTORY, null, true, true));
                    steps.add(new PlanStep.MakeDirectory(key));
                    resolved.add(step.name());
                }
                case OTHER -> {
                    if (!create) {
                        return null;
                    }
                    throw new UnsafeEntryException(entry.name(), "'" + key + "' in its path is not a directory");
                }
            }
        }
        return String.join("/", resolved);
    }

    /** What is at key now: this archive's doing if it touched the path, else the target as it was. */
    private Node lookup(String key) throws IOException {
        Node changed = overlay.get(key);
        if (changed != null) {
            return changed;
        }
        if (key.isEmpty()) {
            return Node.LOWER_DIRECTORY;
        }
        // The nearest ancestor the archive touched decides whether the old contents still show.
        String current = key;
        while (true) {
            int slash = current.lastIndexOf('/');
            String parent = slash < 0 ? "" : current.substring(0, slash);
            Node ancestor = overlay.get(parent);
            if (ancestor != null) {
                if (ancestor.kind() != Kind.DIRECTORY || ancestor.hidesLower()) {
                    return Node.ABSENT;
                }
                break;
            }
            if (parent.isEmpty()) {
                break;
            }
            current = parent;
        }
        Node lower = lowerCache.get(key);
        if (lower == null) {
            lower = readLower(key);
            lowerCache.put(key, lower);
        }
        return lower;
    }

    private Node readLower(String key) throws IOException {
        Path path = target.resolve(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Node.ABSENT;
        }
        if (attributes.isDirectory()) {
            return Node.LOWER_DIRECTORY;
        }
        if (attributes.isSymbolicLink()) {
            return new Node(Kind.SYMLINK, Files.readSymbolicLink(path).toString(), false, false);
        }
        return new Node(Kind.OTHER, null, false, false);
    }

    private void dropDescendants(String key) {
        if (key.isEmpty()) {
            overlay.tailMap("", false).clear();
        } else {
            // '0' follows '/': [key/, key0) is exactly the keys below key.
            overlay.subMap(key + "/", key + "0").clear();
        }
    }

    private void requireShortEnough(String key, PendingEntry entry) throws UnsafeEntryException {
        if (targetPathBytes + 1 + key.getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
            throw new UnsafeEntryException(entry.name(), "path is longer than PATH_MAX once under the target");
        }
    }

    /** The lexical path of one of the entry's ancestors, given its key. */
    private static EntryPath lexicalPath(EntryPath path, String ancestorKey) {
        int depth = ancestorKey.isEmpty() ? 0 : ancestorKey.split("/", -1).length;
        return new EntryPath(path.components().subList(0, depth));
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
