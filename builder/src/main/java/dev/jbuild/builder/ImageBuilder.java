package dev.jbuild.builder;

import dev.jbuild.builder.cache.BuildCache;
import dev.jbuild.builder.CacheMismatchException;
import dev.jbuild.builder.dispatch.BuildPlan;
import dev.jbuild.builder.dispatch.BuildPlanner;
import dev.jbuild.builder.dispatch.BuildSession;
import dev.jbuild.builder.dispatch.ImageState;
import dev.jbuild.builder.dispatch.StageResults;
import dev.jbuild.builder.dispatch.StagePlan;
import dev.jbuild.builder.dispatch.StageRunner;
import dev.jbuild.builder.files.FileCopier;
import dev.jbuild.builder.layers.DiffStore;
import dev.jbuild.builder.layers.LayerSquasher;
import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.executor.Sandbox;
import dev.jbuild.executor.StorageDriver;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.parser.graph.StageDependency;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds images from Dockerfiles: runs the stages the target needs (independent ones in parallel,
 * a failure stopping the others), and writes the target's image and tags to the store.
 *
 * <p>One instance per store; safe to use for several builds one after the other.
 */
public final class ImageBuilder {
    private final ImageStore store;
    private final DiffStore diffs;
    private final BuildCache cache;
    private final ExecutorSetup executor;
    private final FileCopier copier;

    public ImageBuilder(ImageStore store, StorageDriver driver, Sandbox sandbox, FileCopier copier)
            throws IOException {
        this(store, new ExecutorSetup(driver, sandbox), copier);
    }

    public ImageBuilder(ImageStore store, ExecutorSetup executor, FileCopier copier) throws IOException {
        this.store = store;
        this.executor = executor;
        this.diffs = new DiffStore(store, executor);
        this.cache = new BuildCache(store.layout());
        this.copier = copier;
    }

    /**
     * The usual set-up: executor state under {@code <store>/executor} (what killed builds left there
     * removed first), the storage driver asked for or detected, and a working OCI runtime, each set up
     * only when a step first needs it.
     *
     * @param requestedDriver {@code overlay}, {@code vfs} or null to detect
     * @param runtime a runtime binary to use instead of runc/crun, or empty
     */
    public static ImageBuilder open(ImageStore store, String requestedDriver, Optional<Path> runtime,
                                    FileCopier copier) throws IOException {
        return open(store, requestedDriver, runtime, null, copier);
    }

    /**
     * @param requestedNetwork what connects default-network RUN steps ({@code JBUILD_NETWORK_PROVIDER}), or null
     *     to take the first provider a probe finds working
     */
    public static ImageBuilder open(ImageStore store, String requestedDriver, Optional<Path> runtime,
                                    String requestedNetwork, FileCopier copier) throws IOException {
        ExecutorLayout layout = Leftovers.executorLayout(store);
        return new ImageBuilder(store, new ExecutorSetup(layout, requestedDriver, runtime, requestedNetwork), copier);
    }

    /** Why this driver and runtime were chosen, for {@code --debug} output. */
    public String setup() {
        return executor.describe();
    }

    public DiffStore diffs() {
        return diffs;
    }

    /**
     * Builds and stores the image.
     *
     * @throws BuildException a step failed (see {@link StepFailedException}) or the Dockerfile asks for
     *     something impossible; nothing was tagged
     * @throws dev.jbuild.parser.syntax.DockerfileSyntaxException a variable could not be expanded
     * @throws InterruptedException the calling thread was interrupted; running steps were stopped
     */
    public BuildResult build(BuildRequest request, BuildListener listener) throws IOException, InterruptedException {
        try (ImageStore.BuildHold noPrune = store.holdForBuild()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return buildHeld(request, listener);
                } catch (CacheMismatchException e) {
                    // The record is distrusted now: building again makes its step a miss. Steps already
                    // done are in the local cache, so the new attempt costs only what changed.
                    if (attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                    listener.on(new BuildEvent.Notice(e.getMessage() + "; building that step instead"));
                }
            }
        }
    }

    /** One try, and one more per shared-cache record found to lie (each is distrusted once found). */
    private static final int MAX_ATTEMPTS = 16;

    private BuildResult buildHeld(BuildRequest request, BuildListener listener) throws IOException, InterruptedException {
        long start = System.nanoTime();
        StageResults results = new StageResults();
        BuildSession session = new BuildSession(request, store, diffs, cache, executor, copier, listener, results);
        InstructionGraph graph = request.graph();
        BuildPlan plan = BuildPlanner.plan(session, buildOrder(graph));
        listener.on(new BuildEvent.BuildPlanned(plan.steps()));
        if (request.serial()) {
            runSerially(session, plan.stages());
        } else {
            runInParallel(session, plan.stages());
        }
        ImageState target = results.await(graph.target());
        if (request.dryRun()) {
            return new BuildResult(null, target, null, List.of()); // the plan went out as events; nothing is written
        }
        ImageConfig config = target.config();
        if (!request.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>(config.config().labels());
            labels.putAll(request.labels());
            config = config.withConfig(config.config().withLabels(labels));
        }
        List<dev.jbuild.imagespec.Descriptor> layers = target.layers();
        if (request.squash()) {
            ImageState base = StageRunner.rootBase(session, graph.stages().get(graph.target()));
            session.fetchBlobs(layers);
            LayerSquasher.Squashed squashed = new LayerSquasher(store, diffs).squash(config, layers,
                    base.layers().size(), base.config().history().size(), request.sourceDateEpoch());
            if (squashed != null) {
                config = squashed.config();
                layers = squashed.layers();
            }
        }
        ImageState finalState = new ImageState(config, layers);
        session.fetchBlobs(layers);
        ImageRecord image = store.writeImage(config, layers, request.tags());
        BuildSummary summary = new BuildSummary(image.id(), request.tags(), layers.size(),
                store.layerSizes().total(image),
                session.timings(), Duration.ofNanos(System.nanoTime() - start), session.warnings());
        listener.on(new BuildEvent.BuildFinished(summary));
        return new BuildResult(image, finalState, summary, session.journal());
    }

    private static void runSerially(BuildSession session, List<StagePlan> order) throws IOException,
            InterruptedException {
        for (StagePlan stage : order) {
            int index = stage.stage().index();
            try {
                session.results().complete(index, StageRunner.run(session, stage));
            } catch (IOException | InterruptedException | RuntimeException e) {
                session.results().fail(index, e);
                throw e;
            }
        }
    }

    /**
     * One thread per stage; a stage that needs another waits for its result. The first failure
     * interrupts every other stage (their sandboxes are killed and cleaned up) and is what the build
     * reports; the others' "cancelled" are not.
     */
    private static void runInParallel(BuildSession session, List<StagePlan> order) throws IOException,
            InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(order.size(), runnable -> {
            Thread thread = new Thread(runnable, "jbuild-stage");
            thread.setDaemon(true);
            return thread;
        });
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (StagePlan stage : order) {
                try {
                    futures.add(submit(pool, session, stage, failures));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    break; // a stage already failed and shut the pool down: the rest never start
                }
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // recorded in failures
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.stream().filter(f -> !(f instanceof BuildCancelledException)).findFirst()
                    .orElse(failures.get(0));
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new BuildException(first.toString(), null, first);
        }
    }

    private static Future<?> submit(ExecutorService pool, BuildSession session, StagePlan stage,
                                    List<Throwable> failures) {
        int index = stage.stage().index();
        return pool.submit(() -> {
            try {
                session.results().complete(index, StageRunner.run(session, stage));
            } catch (Throwable e) {
                session.results().fail(index, e);
                failures.add(e);
                pool.shutdownNow();
            }
            return null;
        });
    }

    /** The stages the target needs, each after the stages it needs. */
    static List<Stage> buildOrder(InstructionGraph graph) {
        Set<Integer> needed = new LinkedHashSet<>();
        for (Stage stage : graph.requiredStages()) {
            needed.add(stage.index());
        }
        List<Stage> order = new ArrayList<>();
        Set<Integer> done = new LinkedHashSet<>();
        for (int index : needed) {
            visit(graph, index, done, order);
        }
        return order;
    }

    private static void visit(InstructionGraph graph, int index, Set<Integer> done, List<Stage> order) {
        if (!done.add(index)) {
            return;
        }
        Stage stage = graph.stages().get(index);
        for (StageDependency dependency : stage.dependencies()) {
            if (dependency.isStage()) {
                visit(graph, dependency.stageIndex(), done, order);
            }
        }
        order.add(stage);
    }

}
