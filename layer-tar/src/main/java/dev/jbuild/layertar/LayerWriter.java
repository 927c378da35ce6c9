package dev.jbuild.layertar;

import dev.jbuild.imagespec.CodePointOrder;
import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.platform.PosixOps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a directory tree, or a list of changes to one, as an uncompressed OCI layer tar.
 *
 * <p>Output is deterministic: entries in {@link NameOrder#ENTRIES} order, numeric ownership with
 * empty user and group names, whole-second mtimes (clamped to SOURCE_DATE_EPOCH when set), no
 * atime/ctime, PAX records sorted. The same tree gives the same bytes. Nothing is buffered beyond
 * one directory listing at a time; the sha256 and size are computed while writing.
 */
public final class LayerWriter {
    private final WriterOptions options;
    private final PosixOps posix;

    private LayerWriter(WriterOptions options, PosixOps posix) {
        this.options = Objects.requireNonNull(options, "options");
        this.posix = Objects.requireNonNull(posix, "posix");
    }

    public static LayerWriter of(WriterOptions options) {
        return of(options, PosixOps.system());
    }

    public static LayerWriter of(WriterOptions options, PosixOps posix) {
        return new LayerWriter(options, posix);
    }

    /** Writes everything below {@code root} (not root itself, like a layer diff never holds "/"). */
    public SizedDigest writeDirectory(Path root, OutputStream out) throws IOException {
        return writeDirectory(root, out, new ContentSize());
    }

    /**
     * As {@link #writeDirectory(Path, OutputStream)}, counting into {@code size} the layer's size as Docker
     * counts it, so that nobody reads the layer again for it.
     */
    public SizedDigest writeDirectory(Path root, OutputStream out, ContentSize size) throws IOException {
        requireDirectory(root);
        SourceHeaders headers = new SourceHeaders(options, posix.readXattrsRecursively(root));
        LayerOutput layer = LayerOutput.hashed(out, options.headerStyle(), size);
        // Depth-first over sorted listings: the walk order is the entry order, so nothing is sorted at the end.
        Deque<Listing> stack = new ArrayDeque<>();
        stack.push(new Listing("", sortedChildren(root)));
        while (!stack.isEmpty()) {
            Listing listing = stack.peek();
            if (!listing.names().hasNext()) {
                stack.pop();
                continue;
            }
            String name = listing.names().next();
            String relative = listing.path().isEmpty() ? name : listing.path() + "/" + name;
            Path file = root.resolve(relative);
            TarHeader header = headers.headerFor(file, relative);
            if (header == null) {
                continue;
            }
            layer.write(header, file, relative);
            if (header.type() == TarEntryType.DIRECTORY) {
                stack.push(new Listing(relative, sortedChildren(file)));
            }
        }
        return layer.finish();
    }

    /**
     * Writes only the given changes of {@code root}: added and modified paths as they are in root
     * (a directory as its own entry, not its contents), deleted ones as whiteouts, opaque
     * directories as the directory plus its {@code .wh..wh..opq} marker. Like BuildKit, the parent
     * directories of every change are written too (as they are in root) so that applying the layer
     * gives them the right owner and mode.
     */
    public SizedDigest writeChanges(Path root, List<Change> changes, OutputStream out) throws IOException {
        LayerOutput layer = LayerOutput.hashed(out, options.headerStyle(), new ContentSize());
        writeChanges(root, changes, layer);
        return layer.finish();
    }

    /**
     * As {@link #writeChanges(Path, List, OutputStream)}, for a stream that hashes the bytes itself (a
     * blob store computing the layer's digest): the tar is not hashed a second time here, which would
     * double the CPU cost of every large layer.
     */
    public void streamChanges(Path root, List<Change> changes, OutputStream out) throws IOException {
        streamChanges(root, changes, out, new ContentSize());
    }

    /** As {@link #streamChanges(Path, List, OutputStream)}, counting the layer's size as Docker counts it into {@code size}. */
    public void streamChanges(Path root, List<Change> changes, OutputStream out, ContentSize size) throws IOException {
        streamChanges(root, changes, out, size, null);
    }

    /**
     * As {@link #streamChanges(Path, List, OutputStream, ContentSize)}, recording on the way the tar's split
     * against {@code root} ({@link TarSplit.Recorder}): a diff kept as the layer's snapshot then gives the
     * tar back without the tar being kept, and nothing reads the diff a second time for the split.
     *
     * @param split where the split goes, or null for none
     */
    public void streamChanges(Path root, List<Change> changes, OutputStream out, ContentSize size,
                              TarSplit.Recorder split) throws IOException {
        LayerOutput layer = LayerOutput.unhashed(out, options.headerStyle(), size, split);
        writeChanges(root, changes, layer);
        layer.end();
        if (split != null) {
            split.finish();
        }
    }

    private void writeChanges(Path root, List<Change> changes, LayerOutput layer) throws IOException {
        requireDirectory(root);
        Map<String, Change.Kind> kinds = normalise(changes);
        // Tar name -> tree path to read ("" marks a synthetic whiteout or opaque marker).
        TreeMap<String, String> entries = new TreeMap<>(NameOrder.ENTRIES);
        Set<String> parentsSeen = new HashSet<>();
        for (Map.Entry<String, Change.Kind> change : kinds.entrySet()) {
            String path = change.getKey();
            switch (change.getValue()) {
                case ADDED, MODIFIED -> entries.put(treeEntryName(root, path), path);
                case DELETED -> entries.put(parentPrefix(path) + Whiteouts.PREFIX + baseName(path), "");
                case OPAQUE_DIR -> {
                    if (!Files.isDirectory(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("opaque directory change for " + path + ", which is not a directory in "
                                + root);
                    }
                    entries.put(path + "/", path);
                    entries.put(path + "/" + Whiteouts.OPAQUE_MARKER, "");
                }
            }
            addParents(root, path, entries, parentsSeen);
        }
        List<String> treePaths = new ArrayList<>();
        entries.values().forEach(p -> {
            if (!p.isEmpty()) {
                treePaths.add(p);
            }
        });
        SourceHeaders headers = new SourceHeaders(options, posix.readXattrs(root, treePaths));
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getValue().isEmpty()) {
                layer.write(TarHeader.marker(entry.getKey(), options.syntheticMtime()), null, null);
                continue;
            }
            Path file = root.resolve(entry.getValue());
            TarHeader header = headers.headerFor(file, entry.getValue());
            if (header != null) {
                layer.write(header, file, entry.getValue());
            }
        }
    }

    /**
     * Every file of a large COPY shares its parents: each is looked at on disk once, not once per file,
     * and found again in a hash set (the entry map's name order is costly to compare).
     */
    private static void addParents(Path root, String path, Map<String, String> entries, Set<String> seen) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            if (seen.add(parent)) {
                String name = parent + "/";
                if (!entries.containsKey(name) && Files.isDirectory(root.resolve(parent), LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, parent);
                }
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    private static String treeEntryName(Path root, String path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root.resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IOException("changed path " + path + " does not exist in " + root, e);
        }
        return attributes.isDirectory() ? path + "/" : path;
    }

    /** Validates change paths and merges duplicates; a path may only change one way. */
    private static Map<String, Change.Kind> normalise(List<Change> changes) {
        Map<String, Change.Kind> kinds = new LinkedHashMap<>();
        for (Change change : changes) {
            String path = normalisePath(change.path());
            Change.Kind kind = change.kind() == Change.Kind.MODIFIED ? Change.Kind.ADDED : change.kind();
            Change.Kind previous = kinds.get(path);
            if (previous == null || previous == kind) {
                kinds.put(path, kind);
            } else if (isAddedAndOpaque(previous, kind)) {
                kinds.put(path, Change.Kind.OPAQUE_DIR); // an opaque directory is written with its own entry anyway
            } else {
                throw new IllegalArgumentException("conflicting changes for " + path + ": " + previous + " and " + kind);
            }
        }
        return kinds;
    }

    private static boolean isAddedAndOpaque(Change.Kind a, Change.Kind b) {
        return (a == Change.Kind.ADDED && b == Change.Kind.OPAQUE_DIR) || (a == Change.Kind.OPAQUE_DIR && b == Change.Kind.ADDED);
    }

    private static String normalisePath(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a change cannot name the root itself");
        }
        for (String component : trimmed.split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                throw new IllegalArgumentException("change path must be a plain relative path: " + path);
            }
            if (Whiteouts.isWhiteout(component)) {
                throw new IllegalArgumentException("change path cannot be represented in a layer ("
                        + Whiteouts.PREFIX + " names are whiteouts): " + path);
            }
        }
        return trimmed;
    }

    private static String parentPrefix(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void requireDirectory(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
    }

    private static Iterator<String> sortedChildren(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(CodePointOrder.COMPARATOR);
        return names.iterator();
    }

    /** A directory being walked: its path relative to the root and the names still to visit. */
    private record Listing(String path, Iterator<String> names) {
    }
}
