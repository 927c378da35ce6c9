package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildSummary;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.builder.files.FileCopier;
import dev.jbuild.builder.layers.DiffStore;
import dev.jbuild.builder.ExecutorSetup;
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
    private final Instant started = Instant.now();
    private final java.util.Map<Integer, String> dryRunStops = new java.util.concurrent.ConcurrentHashMap<>();

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

    public StepId newStep(StageState state, int position, String text, dev.jbuild.parser.syntax.SourceRange range) {
        return new StepId(stepNumbers.incrementAndGet(), state.label(), position, state.total(), text, range);
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
        listener.on(event);
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
