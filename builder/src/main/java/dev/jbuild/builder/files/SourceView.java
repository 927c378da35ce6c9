package dev.jbuild.builder.files;

import dev.jbuild.imagespec.CodePointOrder;
import dev.jbuild.parser.ignore.DockerIgnore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source tree as a COPY sees it. For the build context that is the directory minus what .dockerignore
 * excludes: BuildKit never receives excluded files, so they cannot be copied, matched by a wildcard or
 * counted in a checksum. A directory excluded by a pattern still exists when a later {@code !} line brings
 * back something inside it (it is sent as the parent of that file).
 */
final class SourceView {
    private final Path root;
    private final DockerIgnore ignore;
    private final boolean resetOwner;
    private final Map<String, Boolean> keptForIncludedChildren = new ConcurrentHashMap<>();

    SourceView(Path root, DockerIgnore ignore, boolean resetOwner) {
        this.root = root;
        this.ignore = ignore == null || ignore.isEmpty() ? null : ignore;
        this.resetOwner = resetOwner;
    }

    static SourceView of(CopyRequest request) {
        return new SourceView(request.sourceRoot(), request.fromContext() ? request.ignore() : null,
                request.fromContext());
    }

    Path root() {
        return root;
    }

    /** True for context sources, whose files count as owned by 0:0. */
    boolean resetsOwner() {
        return resetOwner;
    }

    Path path(String relative) {
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    boolean visible(String relative, boolean directory) {
        if (ignore == null || relative.isEmpty() || !ignore.isExcluded(relative)) {
            return true;
        }
        if (!directory || !ignore.mayContainIncludedFiles(relative)) {
            return false;
        }
        return keptForIncludedChildren.computeIfAbsent(relative, this::containsVisibleEntry);
    }

    /** Resolves a source path, following symlinks inside the root, skipping what is invisible. */
    RootScope.Resolved resolve(String path, boolean followFinal) throws IOException {
        return RootScope.resolve(root, path, followFinal, this::visible);
    }

    /** The visible entries of a directory, sorted by name the way Go's filepath.Walk sorts them. */
    List<String> children(String relative) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path(relative))) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(CodePointOrder.COMPARATOR);
        if (ignore == null) {
            return names;
        }
        List<String> visible = new ArrayList<>(names.size());
        for (String name : names) {
            String childRelative = join(relative, name);
            boolean directory = ignore.isExcluded(childRelative)
                    && Files.isDirectory(path(childRelative), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (visible(childRelative, directory)) {
                visible.add(name);
            }
        }
        return visible;
    }

    static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    private boolean containsVisibleEntry(String directory) {
        try {
            return !children(directory).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
