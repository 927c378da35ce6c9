package dev.jbuild.builder.cache;

import dev.jbuild.builder.Leftovers;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.executor.Janitor;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import dev.jbuild.store.Prune;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code jbuild prune} with the build cache, as {@code docker system prune} / {@code docker builder
 * prune}: removes untagged images, the cache records the options select, then every blob and
 * snapshot that neither a remaining image nor a remaining record needs. It is one pass of the store's
 * collector ({@code ImageStore#prune}): this class only decides which records go, and names the blobs
 * and snapshots (by chain) of those that stay as the collector's extra roots.
 *
 * <p>Everything happens while the store prune holds the exclusive lock, in an order a kill cannot
 * turn into a record that looks usable but is not: records go first, then snapshots (each renamed
 * away before it is deleted) and blobs.
 *
 * <p>No build runs meanwhile: the store's prune waits for running builds and holds new ones back (see
 * {@code ImageStore.holdForBuild}). Other processes may still write (load, import), and a lookup marks a
 * record as used, so whatever was used or written since the oldest other live process started (or
 * since this prune started) is spared, with all the record needs.
 */
public final class CachePruner {
    private final ImageStore store;
    private final BuildCache cache;

    /**
     * Which records go.
     *
     * @param until only records last used before this are candidates (and only untagged images
     *     created before it go); null for all
     * @param keepStorage stop removing candidates, least recently used first, once the build cache
     *     uses at most this many bytes; null or 0 (Docker's "no limit") to remove every candidate
     */
    public record Options(Instant until, Long keepStorage) {
        public Options {
            if (keepStorage != null && keepStorage < 0) {
                throw new IllegalArgumentException("keepStorage must not be negative: " + keepStorage);
            }
        }

        /** The whole build cache and every untagged image. */
        public static Options everything() {
            return new Options(null, null);
        }
    }

    /**
     * What a prune did.
     *
     * @param store the store prune's own report (images, blobs, snapshots, temp areas)
     * @param executor what killed builds had left running or mounted (containers, mounts, step directories)
     * @param removedRecords the cache keys of the records removed, least recently used first
     * @param recordsKept records left
     * @param tempEntriesRemoved half-written cache records of dead processes
     * @param cacheSizeBefore the build cache's disk use before (see {@link CacheUsage})
     * @param cacheSizeAfter and after
     * @param bytesFreed everything: the store's bytes (images, blobs, snapshots), records and temp entries
     */
    public record Report(Prune.Report store, Janitor.Report executor, List<Digest> removedRecords, int recordsKept,
                         int tempEntriesRemoved, long cacheSizeBefore, long cacheSizeAfter, long bytesFreed) {
        public Report {
            removedRecords = List.copyOf(removedRecords);
        }
    }

    public CachePruner(ImageStore store) throws IOException {
        this.store = store;
        this.cache = new BuildCache(store.layout());
    }

    public Report prune(Options options) throws IOException {
        // First what killed builds left running or mounted: their workspaces mount diff directories this prune
        // may remove.
        Janitor.Report executor = Janitor.cleanStale(Leftovers.executorLayout(store));
        CachePass pass = new CachePass(options, Instant.now());
        Prune.Report storeReport = store.prune(new Prune.Options(options.until(), pass::run));
        return new Report(storeReport, executor, pass.removedRecords, pass.recordsKept, pass.tempEntriesRemoved,
                pass.sizeBefore, pass.sizeAfter, storeReport.bytesFreed() + pass.bytesFreed);
    }

    /** The cache's part of one prune, run by the store prune once untagged images are gone. */
    private final class CachePass {
        private final Options options;
        private final Instant started;
        private Instant spareFrom;
        final List<Digest> removedRecords = new ArrayList<>();
        int recordsKept;
        int tempEntriesRemoved;
        long sizeBefore;
        long sizeAfter;
        long bytesFreed;

        CachePass(Options options, Instant started) {
            this.options = options;
            this.started = started;
        }

        Prune.Roots run(Prune.ImageNeeds images) throws IOException {
            // A process that opens the store after this prune started writes nothing older than the prune,
            // so the earlier of the two is the line.
            spareFrom = store.oldestOtherSessionStart().filter(since -> since.isBefore(started)).orElse(started);
            List<BuildCache.Entry> entries = cache.entries();
            CacheUsage usage = new CacheUsage(store, images);
            for (BuildCache.Entry entry : entries) {
                usage.add(entry.record());
            }
            sizeBefore = usage.total();
            List<BuildCache.Entry> kept = removeRecords(entries, selectRecords(entries, usage), usage);
            sizeAfter = usage.total();
            recordsKept = kept.size();

            Set<Digest> keptBlobs = new TreeSet<>();
            Set<Digest> keptChains = new HashSet<>(images.chains());
            for (BuildCache.Entry entry : kept) {
                if (entry.record() != null) {
                    keptBlobs.add(entry.record().diffId());
                    if (entry.record().knowsItsStack()) {
                        keptChains.addAll(LayerStore.chainIds(entry.record().stack()));
                    }
                }
            }
            removeTemporaryEntries();
            cache.removeOrphans();
            return new Prune.Roots(keptBlobs, keptChains);
        }

        /**
         * Records whose needs cannot be known (unreadable, or written before records kept their stack)
         * always go; then the candidates, least recently used first, until the cache fits
         * {@code keepStorage}. {@code usage} is left as it would be without the selected records.
         */
        private List<BuildCache.Entry> selectRecords(List<BuildCache.Entry> entries, CacheUsage usage)
                throws IOException {
            List<BuildCache.Entry> doomed = new ArrayList<>();
            for (BuildCache.Entry entry : entries) {
                if (!spared(entry.lastUsed()) && !accountable(entry)) {
                    doomed.add(entry);
                    usage.remove(entry.record());
                }
            }
            for (BuildCache.Entry entry : entries) { // oldest first
                boolean candidate = accountable(entry) && !spared(entry.lastUsed())
                        && (options.until() == null || entry.lastUsed().isBefore(options.until()));
                if (!candidate) {
                    continue;
                }
                if (options.keepStorage() != null && options.keepStorage() > 0
                        && usage.total() <= options.keepStorage()) {
                    break;
                }
                doomed.add(entry);
                usage.remove(entry.record());
            }
            return doomed;
        }

        /**
         * Deletes the doomed records, except one a build used since it was listed (it then stays, with
         * all it needs); returns every record that stays.
         */
        private List<BuildCache.Entry> removeRecords(List<BuildCache.Entry> entries, List<BuildCache.Entry> doomed,
                                                     CacheUsage usage) throws IOException {
            Set<Digest> removed = new HashSet<>();
            for (BuildCache.Entry entry : doomed) {
                Instant lastUsed;
                try {
                    lastUsed = Files.getLastModifiedTime(entry.file()).toInstant();
                } catch (NoSuchFileException e) {
                    removed.add(entry.key()); // gone already
                    continue;
                }
                if (spared(lastUsed)) {
                    usage.add(entry.record());
                    continue;
                }
                if (cache.remove(entry.key())) {
                    removedRecords.add(entry.key());
                    bytesFreed += entry.fileSize();
                }
                removed.add(entry.key());
            }
            return entries.stream().filter(entry -> !removed.contains(entry.key())).toList();
        }

        /** What processes that died while writing a record left. */
        private void removeTemporaryEntries() throws IOException {
            List<Path> temps = new ArrayList<>();
            try (Stream<Path> files = Files.list(cache.directory())) {
                files.filter(file -> file.getFileName().toString().startsWith(BuildCache.TEMP_PREFIX))
                        .forEach(temps::add);
            }
            for (Path temp : temps) {
                if (!spared(temp)) {
                    bytesFreed += FileTrees.delete(temp);
                    tempEntriesRemoved++;
                }
            }
        }

        private boolean accountable(BuildCache.Entry entry) {
            return entry.record() != null && entry.record().knowsItsStack();
        }

        private boolean spared(Instant lastModified) {
            return !lastModified.isBefore(spareFrom);
        }

        private boolean spared(Path path) throws IOException {
            try {
                return spared(Files.getLastModifiedTime(path).toInstant());
            } catch (NoSuchFileException e) {
                return true; // someone else removed it
            }
        }
    }
}
