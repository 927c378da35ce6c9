package dev.jbuild.builder.files;

import dev.jbuild.platform.PosixOps;
import dev.jbuild.platform.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FileCopier} with BuildKit's semantics (see the package documentation for the rules and the few
 * deliberate differences).
 *
 * <p>Content digests of source files are cached per source root for the life of this object, and for the
 * build context also in a small file under {@code checksumCacheDir}, so re-checking an unchanged context reads
 * no file contents, even in a new process. One instance is meant to serve a whole build (or a daemon-less
 * series of builds); it is safe for concurrent use.
 */
public final class DockerFileCopier implements FileCopier {
    private static final int HEREDOC_MODE = 0644;
    private static final int DOWNLOAD_MODE = 0600;

    private final Path checksumCacheDir;
    private final UrlFetcher fetcher;
    private final PosixOps posix;
    private final Map<Path, ContentHashCache> caches = new ConcurrentHashMap<>();

    /** @param checksumCacheDir where context checksum caches persist between runs; null keeps them in memory */
    public DockerFileCopier(Path checksumCacheDir) {
        this.checksumCacheDir = checksumCacheDir;
        this.fetcher = new UrlFetcher(UrlFetcher::defaultClient);
        this.posix = PosixOps.system();
    }

    /** @param httpClient used for {@code ADD http(s)://} (redirects should be followed) */
    public DockerFileCopier(Path checksumCacheDir, HttpClient httpClient) {
        this.checksumCacheDir = checksumCacheDir;
        this.fetcher = new UrlFetcher(() -> httpClient);
        this.posix = PosixOps.system();
    }

    @Override
    public SourceDigest checksum(CopyRequest request) throws IOException {
        SourceView view = request.sourceRoot() == null ? null : SourceView.of(request);
        List<PlannedItem> items = plan(request, view);
        if (request.targetRoot() != null) {
            checkSeveralSources(request, items, new TargetTree(request.targetRoot(), MetadataPolicy.of(request)));
        }
        ContentHashCache cache = view == null ? null : cacheFor(request);
        SourceDigest digest = new Checksummer(view, cache, fetcher, request.checksum()).digest(items);
        if (cache != null) {
            cache.persist();
        }
        return digest;
    }

    @Override
    public void check(CopyRequest request) {
        new SourcePlanner(request, null).check();
    }

    @Override
    public CopyResult copy(CopyRequest request) throws IOException {
        if (request.targetRoot() == null) {
            throw new IllegalArgumentException("copy needs a targetRoot");
        }
        SourceView view = request.sourceRoot() == null ? null : SourceView.of(request);
        List<PlannedItem> items = plan(request, view);
        Files.createDirectories(request.targetRoot());
        MetadataPolicy policy = MetadataPolicy.of(request);
        TargetTree target = new TargetTree(request.targetRoot(), policy);
        checkSeveralSources(request, items, target);
        TreeCopier copier = new TreeCopier(view, target, policy, posix);
        ItemWalker walker = view == null ? null : new ItemWalker(view);
        int written = 0;
        for (PlannedItem item : items) {
            if (item instanceof PlannedItem.Local local) {
                written += copyLocal(request, view, local, walker, copier, target, policy);
            } else if (item instanceof PlannedItem.Inline inline) {
                try (InputStream content = new ByteArrayInputStream(inline.content())) {
                    written += copier.copyFile(inline.name(), content, HEREDOC_MODE, FileTime.fromMillis(
                            System.currentTimeMillis()), request.destination());
                }
            } else if (item instanceof PlannedItem.Url url) {
                written += copyUrl(request, url, copier, target);
            }
        }
        target.finish();
        return new CopyResult(written, target.unsearchableDirectories());
    }

    /** The number of file contents read for checksums so far (a test hook: cache hits read nothing). */
    long contentReads() {
        return caches.values().stream().mapToLong(ContentHashCache::contentReads).sum();
    }

    private List<PlannedItem> plan(CopyRequest request, SourceView view) throws IOException {
        return new SourcePlanner(request, view).plan();
    }

    private int copyLocal(CopyRequest request, SourceView view, PlannedItem.Local item, ItemWalker walker,
                          TreeCopier copier, TargetTree target, MetadataPolicy policy) throws IOException {
        boolean unpack = request.add() && !Boolean.FALSE.equals(request.unpack());
        if (unpack && !item.directory()) {
            Path file = view.path(item.relative());
            FileStat stat = FileStat.lstat(file);
            ArchiveUnpacker.Compression compression = stat != null && stat.isRegular()
                    ? ArchiveUnpacker.detect(file) : null;
            if (compression != null) {
                return ArchiveUnpacker.extract(file, compression, target.directory(request.destination()),
                        request.owner(), stagingParent(request), "/" + item.relative());
            }
        }
        return copier.copy(item, walker.walk(item), request.destination());
    }

    private int copyUrl(CopyRequest request, PlannedItem.Url url, TreeCopier copier, TargetTree target)
            throws IOException {
        UrlFetcher.Fetched fetched = fetcher.fetch(url.url());
        if (request.checksum() != null) {
            UrlFetcher.verify(url.url(), fetched.file(), request.checksum());
        }
        if (Boolean.TRUE.equals(request.unpack())) {
            ArchiveUnpacker.Compression compression = ArchiveUnpacker.detect(fetched.file());
            if (compression != null) {
                return ArchiveUnpacker.extract(fetched.file(), compression, target.directory(request.destination()),
                        request.owner(), stagingParent(request), url.url());
            }
        }
        FileTime time = fetched.lastModified() != null ? fetched.lastModified()
                : Files.getLastModifiedTime(fetched.file());
        try (InputStream content = Files.newInputStream(fetched.file())) {
            return copier.copyFile(url.name(), content, DOWNLOAD_MODE, time, request.destination());
        }
    }

    /**
     * Several items need a directory destination. BuildKit does not check this and silently keeps only the
     * last file when the destination is a new file name (moby/buildkit#1853, #4550); jbuild refuses that case
     * with Docker's documented error, and accepts what BuildKit gets right: an existing directory, or items
     * that are all directories (their contents merge).
     */
    private static void checkSeveralSources(CopyRequest request, List<PlannedItem> items, TargetTree target)
            throws IOException {
        if (items.size() < 2 || SourcePaths.namesDirectory(request.destination())
                || items.stream().allMatch(PlannedItem::directory)) {
            return;
        }
        if (!target.isDirectory(request.destination())) {
            throw CopyErrors.severalSourcesNeedDirectory(request.add());
        }
    }

    private Path stagingParent(CopyRequest request) {
        Path parent = request.targetRoot().toAbsolutePath().getParent();
        return parent != null ? parent : request.targetRoot();
    }

    private ContentHashCache cacheFor(CopyRequest request) {
        Path root = request.sourceRoot().toAbsolutePath().normalize();
        return caches.computeIfAbsent(root, r -> new ContentHashCache(r,
                checksumCacheDir != null && request.fromContext() ? checksumCacheDir.resolve(cacheFileName(r)) : null));
    }

    private static String cacheFileName(Path root) {
        byte[] hash = Sha256.newDigest().digest(root.toString().getBytes(StandardCharsets.UTF_8));
        return "context-" + HexFormat.of().formatHex(hash, 0, 16) + ".checksums";
    }
}
