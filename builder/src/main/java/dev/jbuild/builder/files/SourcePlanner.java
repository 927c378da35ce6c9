package dev.jbuild.builder.files;

import dev.jbuild.parser.ignore.BadPatternException;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.ignore.GlobPattern;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the request's sources into planned items with BuildKit's Dockerfile rules: sources are cleaned
 * ({@code ../x} is {@code /x}), a source path is followed through symlinks (scoped to the source root),
 * wildcards match with Go's {@code filepath.Match} walking the tree in name order (a matching directory is
 * not descended), a wildcard that matches nothing copies nothing, a missing literal path is an error.
 */
final class SourcePlanner {
    private final CopyRequest request;
    private final SourceView view;
    private final DockerIgnore excludes;

    SourcePlanner(CopyRequest request, SourceView view) {
        this.request = request;
        this.view = view;
        this.excludes = EntryFilter.compileExcludes(request.excludes());
    }

    List<PlannedItem> plan() throws IOException {
        check();
        List<PlannedItem> items = new ArrayList<>();
        for (String source : request.sources()) {
            if (UrlSources.isUrl(source)) {
                items.add(new PlannedItem.Url(source, UrlSources.fileName(source)));
            } else if (request.parents()) {
                planWithParents(source, items);
            } else {
                planLocal(source, items);
            }
        }
        for (CopyRequest.InlineFile heredoc : request.heredocs()) {
            items.add(new PlannedItem.Inline(heredoc));
        }
        return items;
    }

    /** What is refused whatever the files: the flags, and sources of a kind the instruction cannot take. */
    void check() {
        checkFlags();
        for (String source : request.sources()) {
            if (UrlSources.isGit(source)) {
                throw new CopyException(request.add()
                        ? "ADD of a git repository is not supported by jbuild: " + source
                        : "source can't be a git ref for COPY");
            }
            if (UrlSources.isUrl(source) && !request.add()) {
                throw new CopyException("source can't be a URL for COPY");
            }
        }
    }

    private void checkFlags() {
        if (request.chmod() != null) {
            MetadataPolicy.chmod(request.chmod());
        }
        if (request.checksum() == null) {
            return;
        }
        if (!request.add()) {
            throw new CopyException("checksum can't be specified for COPY");
        }
        if (request.sources().size() != 1) {
            throw new CopyException("checksum can't be specified for multiple sources");
        }
        String source = request.sources().get(0);
        if (UrlSources.isGit(source)) {
            throw new CopyException("ADD of a git repository is not supported by jbuild: " + source);
        }
        if (!UrlSources.isUrl(source)) {
            throw new CopyException("checksum requires HTTP(S) or Git sources");
        }
        UrlFetcher.algorithmOf(request.checksum());
    }

    private void planLocal(String source, List<PlannedItem> items) throws IOException {
        String clean = SourcePaths.cleanRelative(source);
        String[] split = SourcePaths.splitWildcards(clean);
        if (split[1].isEmpty()) {
            items.add(literal(clean, EntryFilter.ALL.withExcludes(excludes)));
            return;
        }
        for (String match : matchWildcard(split[0], split[1])) {
            String relativeToBase = split[0].isEmpty() ? match : match.substring(split[0].length() + 1);
            if (excludes != null && excludes.isExcluded(relativeToBase)) {
                continue;
            }
            items.add(literal(match, EntryFilter.ALL.withExcludes(excludes)));
        }
    }

    /** {@code --parents}: copy the directory before {@code /./} (the root if none), taking only the rest. */
    private void planWithParents(String source, List<PlannedItem> items) throws IOException {
        int pivot = source.indexOf("/./");
        String parent = pivot < 0 ? "/" : source.substring(0, pivot);
        String pattern = SourcePaths.cleanRelative(pivot < 0 ? source : source.substring(pivot + 3));
        EntryFilter filter = new EntryFilter(excludes, PrefixPattern.compile(pattern));
        String cleanParent = SourcePaths.cleanRelative(parent);
        if (!SourcePaths.containsWildcards(cleanParent) && !SourcePaths.containsWildcards(pattern)) {
            String required = ItemWalker.join(cleanParent, pattern);
            RootScope.Resolved resolved = view.resolve(required, true);
            if (!resolved.exists()) {
                throw CopyErrors.notFound("/" + required);
            }
        }
        String[] split = SourcePaths.splitWildcards(cleanParent);
        List<String> parents = split[1].isEmpty() ? List.of(cleanParent) : matchWildcard(split[0], split[1]);
        for (String directory : parents) {
            items.add(literal(directory, filter));
        }
    }

    private PlannedItem.Local literal(String clean, EntryFilter filter) throws IOException {
        RootScope.Resolved resolved = view.resolve(clean, true);
        if (!resolved.exists()) {
            throw CopyErrors.notFound("/" + clean);
        }
        FileStat stat = FileStat.lstat(view.path(resolved.relative()));
        if (stat == null) {
            throw CopyErrors.notFound("/" + clean);
        }
        return new PlannedItem.Local(resolved.relative(), SourcePaths.baseName(clean), stat.isDirectory(), filter);
    }

    /**
     * fsutil's ResolveWildcards: walk the literal base (followed through symlinks) and keep every path whose
     * path relative to the base matches the pattern; a matching directory is not walked into.
     */
    private List<String> matchWildcard(String base, String pattern) throws IOException {
        RootScope.Resolved resolved = view.resolve(base, true);
        FileStat stat = resolved.exists() ? FileStat.lstat(view.path(resolved.relative())) : null;
        if (stat == null || !stat.isDirectory()) {
            throw CopyErrors.notFound("/" + base);
        }
        GlobPattern glob;
        try {
            glob = GlobPattern.compile(pattern);
        } catch (BadPatternException e) {
            return List.of(); // Go ignores filepath.Match's ErrBadPattern here: nothing matches
        }
        // '*' and '?' never match '/', so deeper paths cannot match unless a class could.
        int maxDepth = pattern.indexOf('[') >= 0 ? Integer.MAX_VALUE : pattern.split("/").length;
        List<String> matches = new ArrayList<>();
        walkForMatches(resolved.relative(), "", glob, 1, maxDepth, matches);
        List<String> result = new ArrayList<>(matches.size());
        for (String match : matches) {
            result.add(ItemWalker.join(base, match));
        }
        return result;
    }

    private void walkForMatches(String root, String directory, GlobPattern glob, int depth, int maxDepth,
                                List<String> out) throws IOException {
        for (String name : view.children(ItemWalker.join(root, directory))) {
            String relative = ItemWalker.join(directory, name);
            FileStat stat = FileStat.lstat(view.path(ItemWalker.join(root, relative)));
            if (stat == null) {
                continue;
            }
            if (glob.matches(relative)) {
                out.add(relative);
            } else if (stat.isDirectory() && depth < maxDepth) {
                walkForMatches(root, relative, glob, depth + 1, maxDepth, out);
            }
        }
    }
}
