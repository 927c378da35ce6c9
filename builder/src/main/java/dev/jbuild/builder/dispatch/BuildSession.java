package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildSummary;
import dev.jbuild.builder.ExecutorSetup;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.builder.files.FileCopier;
import dev.jbuild.builder.layers.DiffStore;
import dev.jbuild.executor.Sandbox;
import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.store.ImageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What every stage of one build shares: the request, the services, the listener and the step counter. */
public final class BuildSession {
    private final BuildRequest request;
    private final ImageStore store;
    private final DiffStore diffs;
    private final BuildCache cache;
    private final ExecutorSetup executor;
    private final FileCopier copier;
    private final BuildListener listener;
    private final ShellExpander expander;
    private final StageResults results;
    private final AtomicInteger stepNumbers = new AtomicInteger();
    private final List<BuildSummary.StepTiming> timings = Collections.synchronizedList(new ArrayList<>());
    private final List<BuildEvent.StepWarning> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Instant started = Instant.now();
    private final java.util.Map<Integer, String> dryRunStops = new java.util.concurrent.ConcurrentHashMap<>();
    /** Image names as this build resolved them (see {@link #resolvedImage}). */
    private final java.util.Map<String, dev.jbuild.store.ImageRecord> resolvedImages =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The bases directory contexts made for {@code FROM NAME}, by name (see {@link DirectoryBase}). */
    private final java.util.Map<String, ImageState> directoryBases = new java.util.concurrent.ConcurrentHashMap<>();
    /** Layers found in a shared cache and not fetched yet, by blob digest. */
    private final java.util.Map<dev.jbuild.imagespec.Digest, Lazy> lazy = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<dev.jbuild.builder.cache.CacheEntry> journal = Collections.synchronizedList(new ArrayList<>());

    /** A shared cache's layer that this build uses, fetched on first need. */
    private static final class Lazy {
        final dev.jbuild.builder.cache.SharedCache cache;
        final dev.jbuild.builder.cache.CacheEntry entry;
        boolean fetched;

        Lazy(dev.jbuild.builder.cache.SharedCache cache, dev.jbuild.builder.cache.CacheEntry entry) {
            this.cache = cache;
            this.entry = entry;
        }
    }

    public BuildSession(BuildRequest request, ImageStore store, DiffStore diffs, BuildCache cache, ExecutorSetup executor,
                        FileCopier copier, BuildListener listener, StageResults results) {
        this.request = request;
        this.store = store;
        this.diffs = diffs;
        this.cache = cache;
        this.executor = executor;
        this.copier = copier;
        this.listener = listener;
        this.expander = new ShellExpander(request.graph().syntax().escape());
        this.results = results;
    }

    public BuildRequest request() {
        return request;
    }

    public ImageStore store() {
        return store;
    }

    public DiffStore diffs() {
        return diffs;
    }

    public BuildCache cache() {
        return cache;
    }

    /** The sandbox, set up on first use (a fully cached build never needs one). */
    public Sandbox sandbox() throws java.io.IOException {
        return executor.sandbox();
    }

    public FileCopier copier() {
        return copier;
    }

    public ShellExpander expander() {
        return expander;
    }

    public StageResults results() {
        return results;
    }

    public Instant started() {
        return started;
    }

    /** The time every history entry and the config get with {@code --source-date-epoch}, else null. */
    public Instant epoch() {
        Long seconds = request.sourceDateEpoch();
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    /** A step's key in the {@code --cache-from} caches, in order; a hit's layer is fetched only when needed. */
    public java.util.Optional<dev.jbuild.builder.cache.CacheEntry> sharedLookup(dev.jbuild.imagespec.Digest key) {
        for (dev.jbuild.builder.cache.SharedCache cache : request.cacheFrom()) {
            java.util.Optional<dev.jbuild.builder.cache.CacheEntry> hit = cache.lookup(key);
            if (hit.isPresent()) {
                lazy.putIfAbsent(hit.get().blob().digest(), new Lazy(cache, hit.get()));
                return hit;
            }
        }
        return java.util.Optional.empty();
    }

    /** Every layer's blob in the store (fetching shared-cache hits, verified), e.g. before the image is written. */
    public void fetchBlobs(List<dev.jbuild.imagespec.Descriptor> layers) throws java.io.IOException {
        for (dev.jbuild.imagespec.Descriptor layer : layers) {
            Lazy pending = lazy.get(layer.digest());
            if (pending == null) {
                continue;
            }
            synchronized (pending) {
                if (!pending.fetched) {
                    pending.cache.fetch(pending.entry, store);
                    pending.fetched = true;
                }
            }
        }
    }

    /** A layer stack ready to run on or read: blobs fetched and diff directories unpacked. */
    public void materialize(List<dev.jbuild.imagespec.Digest> diffIds, List<dev.jbuild.imagespec.Descriptor> layers)
            throws java.io.IOException {
        fetchBlobs(layers);
        diffs.ensure(diffIds, layers);
    }

    /** Records a filesystem step for {@code --cache-to}. */
    /** Resolves an image name the first time this build asks (perhaps pulling it), then answers the same. */
    public dev.jbuild.store.ImageRecord resolvedImage(String reference, ImageResolution resolution)
            throws java.io.IOException {
        dev.jbuild.store.ImageRecord known = resolvedImages.get(reference);
        if (known != null) {
            return known;
        }
        dev.jbuild.store.ImageRecord resolved = resolution.resolve();
        resolvedImages.putIfAbsent(reference, resolved);
        return resolvedImages.get(reference);
    }

    void rememberDirectoryBase(String name, ImageState base) {
        directoryBases.put(name, base);
    }

    /** The base the directory context {@code name} made in this build, or null when none was made yet. */
    ImageState directoryBase(String name) {
        return directoryBases.get(name);
    }

    /** How an image name becomes an image of the store. */
    @FunctionalInterface
    public interface ImageResolution {
        dev.jbuild.store.ImageRecord resolve() throws java.io.IOException;
    }

    public void journal(dev.jbuild.builder.cache.CacheEntry entry) {
        journal.add(entry);
    }

    public List<dev.jbuild.builder.cache.CacheEntry> journal() {
        synchronized (journal) {
            return new ArrayList<>(journal);
        }
    }

    public StepId newStep(StageState state, int position, String text, dev.jbuild.parser.syntax.SourceRange range) {
        return new StepId(nextStepNumber(), state.label(), position, state.total(), text, range);
    }

    /** The next step's number: steps are numbered in the order they start, from 1. */
    int nextStepNumber() {
        return stepNumbers.incrementAndGet();
    }

    /** In a dry run: a stage some of whose steps would run, so what it makes is not known. */
    void stageWouldRun(int stage, String label) {
        dryRunStops.put(stage, label);
    }

    /** The label of a stage some of whose steps would run in this dry run, or null. */
    String stageThatWouldRun(int stage) {
        return dryRunStops.get(stage);
    }

    public void emit(BuildEvent event) {
        if (event instanceof BuildEvent.StepWarning warning) {
            warnings.add(warning);
        }
        listener.on(event);
    }

    /** Every warning emitted so far, in step order. */
    public List<BuildEvent.StepWarning> warnings() {
        synchronized (warnings) {
            List<BuildEvent.StepWarning> copy = new ArrayList<>(warnings);
            copy.sort(java.util.Comparator.comparingInt(w -> w.step().number()));
            return copy;
        }
    }

    public void timed(StepId step, Duration elapsed, boolean cached) {
        timings.add(new BuildSummary.StepTiming(step, elapsed, cached));
    }

    public List<BuildSummary.StepTiming> timings() {
        synchronized (timings) {
            List<BuildSummary.StepTiming> copy = new ArrayList<>(timings);
            copy.sort(java.util.Comparator.comparingInt(t -> t.step().number()));
            return copy;
        }
    }
}
