package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildCancelledException;
import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheEntry;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.builder.cache.CacheRecord;
import dev.jbuild.builder.cache.MissExplanation;
import dev.jbuild.builder.cache.StepInputs;
import dev.jbuild.builder.files.SourceFile;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.ContentSize;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.store.LayerStore;
import dev.jbuild.store.StagedSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The life of one filesystem step (RUN, COPY, ADD, WORKDIR): look its key up in the cache; on a miss,
 * prepare a workspace on the parent's diffs, let the instruction do its work, write the diff as an
 * uncompressed layer tar (its digest is the diff ID) kept as its tar split, keep the diff as the new
 * chain's snapshot (which the split reads the tar's files from), and record the key. Either way the stage gets the layer and its history entry.
 */
final class LayerStep {

    /** What the instruction does to the workspace on a cache miss; what it warns about goes to {@code warn}. */
    @FunctionalInterface
    interface Work {
        void apply(Workspace workspace, Consumer<String> warn) throws IOException, InterruptedException;
    }

    private LayerStep() {
    }

    static void run(BuildSession session, StageState state, StepId step, CacheKey key, String createdBy, Work work)
            throws IOException, InterruptedException {
        run(session, state, step, key, createdBy, List.of(), work);
    }

    /** @param files for COPY/ADD, the source entries the key's content digest covers */
    static void run(BuildSession session, StageState state, StepId step, CacheKey key, String createdBy,
                    List<SourceFile> files, Work work) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Digest keyDigest = key.digest();
        StepInputs inputs = inputs(state, step, key, files);
        Digest slot = slot(session, state, step);
        boolean dryRun = session.request().dryRun();
        if (session.request().cacheAllowed(state.stage())) {
            Optional<CacheRecord> hit = session.cache().lookup(key).filter(r -> usable(session, state, r));
            if (hit.isPresent()) {
                CacheRecord record = hit.get();
                Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER, record.diffId(), record.size());
                if (!dryRun) {
                    recordStackOfOldRecord(session, state, key, record);
                    session.cache().setSlot(slot, keyDigest);
                    session.journal(new CacheEntry(keyDigest, record.withStack(stackWith(state, record.diffId())),
                            layer));
                }
                state.addLayer(layer, createdBy, record.created());
                cached(session, state, step, record, dryRun, start);
                return;
            }
            Optional<CacheEntry> shared = session.sharedLookup(keyDigest)
                    .filter(e -> e.record().stack().equals(stackWith(state, e.record().diffId())));
            if (shared.isPresent()) {
                // The layer stays where it is until a later step, a copy or the image itself needs it.
                CacheEntry entry = shared.get();
                if (!dryRun) {
                    session.journal(entry);
                }
                state.addLayer(entry.blob(), entry.record().diffId(), createdBy, entry.record().created());
                cached(session, state, step, entry.record(), dryRun, start);
                return;
            }
        }
        String reason = missReason(session, state, slot, inputs);
        if (dryRun) {
            session.emit(new BuildEvent.StepPlanned(step, false, reason == null ? "no earlier build of this step"
                    : reason));
            state.stopDryRun("the step before, " + step.label() + ", would run");
            state.stepDone(step.label(), true);
            return;
        }
        if (reason != null) {
            session.emit(new BuildEvent.StepCacheMiss(step, reason));
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new BuildCancelledException("build cancelled");
        }
        Descriptor layer;
        List<Digest> stack = new ArrayList<>(state.diffIds());
        session.materialize(state.diffIds(), state.image().layers());
        List<String> warnings = new ArrayList<>();
        try (Workspace workspace = session.diffs().workspace(state.diffIds())) {
            work.apply(workspace, warnings::add);
            List<Change> changes = workspace.changes();
            LayerWriter writer = LayerWriter.of(new WriterOptions(session.request().sourceDateEpoch()));
            ContentSize size = new ContentSize();
            // The tar is hashed and split on its way, never kept: its diff, kept as the chain's snapshot,
            // gives its bytes back whenever they are read (save, push, export).
            try (StagedSplit split = session.store().layers().stageBuilt(
                    (out, recorder) -> writer.streamChanges(workspace.diffRoot(), changes, out, size, recorder))) {
                session.store().layerSizes().record(split.digest(), size.total());
                stack.add(split.digest());
                session.diffs().commit(stack, workspace);
                layer = session.store().layers().keepBuilt(stack, split);
            }
        }
        Instant created = Instant.now();
        // Inputs first: a record is never without the inputs that explain a later miss of it.
        session.cache().storeInputs(keyDigest, inputs);
        // The whole stack goes into the record so that prune knows every diff directory it needs.
        CacheRecord made = new CacheRecord(layer.digest(), layer.size(), created, stack, warnings);
        session.cache().store(key, made);
        session.cache().setSlot(slot, keyDigest);
        session.journal(new CacheEntry(keyDigest, made, layer));
        state.addLayer(layer, createdBy, created);
        state.stepDone(step.label(), true);
        warnings.forEach(warning -> session.emit(new BuildEvent.StepWarning(step, warning)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        session.emit(new BuildEvent.StepFinished(step, elapsed));
        session.timed(step, elapsed, false);
    }

    /** A hit, local or shared: the step is cached (or, in a dry run, planned as cached), with its warnings again. */
    private static void cached(BuildSession session, StageState state, StepId step, CacheRecord record, boolean dryRun,
                               long start) {
        state.stepDone(step.label(), false);
        session.emit(dryRun ? new BuildEvent.StepPlanned(step, true, null) : new BuildEvent.StepCached(step));
        record.warnings().forEach(warning -> session.emit(new BuildEvent.StepWarning(step, warning)));
        session.timed(step, Duration.ofNanos(System.nanoTime() - start), true);
    }

    /** Why the step misses, compared with the last build of the same step; null when there is nothing to compare. */
    private static String missReason(BuildSession session, StageState state, Digest slot, StepInputs inputs) {
        if (session.request().noCache()) {
            return "--no-cache";
        }
        if (!session.request().cacheAllowed(state.stage())) {
            return "--no-cache-filter " + (state.stage().name() != null ? state.stage().name() : state.stage().index());
        }
        return session.cache().slot(slot).flatMap(previous -> session.cache().inputs(previous))
                .map(before -> MissExplanation.explain(before, inputs, state.lastStepRan())).orElse(null);
    }

    private static StepInputs inputs(StageState state, StepId step, CacheKey key, List<SourceFile> files) {
        String rest = Digest.of(key.instruction() + "\u0000" + String.join("\u0000", key.extras())).value();
        return new StepInputs(step.text(), key.usedArgs(), state.base(), key.parentState().value(), state.lastStep(),
                key.sourceDigest(), files, rest);
    }

    /** Where this step stands: the Dockerfile, the context, the stage and the step's place in it. */
    private static Digest slot(BuildSession session, StageState state, StepId step) {
        Path context = session.request().contextDir();
        String file = session.request().graph().syntax().file();
        String dockerfile = file == null || file.equals("-") ? "-" : Path.of(file).toAbsolutePath().normalize().toString();
        return Digest.of("jbuild-step-slot-v1\u0000" + (context == null ? "-" : context.toAbsolutePath().normalize())
                + "\u0000" + dockerfile + "\u0000" + state.stage().index() + "\u0000" + step.position());
    }

    private static List<Digest> stackWith(StageState state, Digest top) {
        List<Digest> stack = new ArrayList<>(state.diffIds());
        stack.add(top);
        return stack;
    }

    /**
     * A record written before records kept their stack cannot be accounted for by prune (which then
     * drops it); once it is used, the stack is known and written into it.
     */
    private static void recordStackOfOldRecord(BuildSession session, StageState state, CacheKey key,
                                               CacheRecord record) {
        if (record.knowsItsStack()) {
            return;
        }
        List<Digest> stack = new ArrayList<>(state.diffIds());
        stack.add(record.diffId());
        try {
            session.cache().store(key, record.withStack(stack));
        } catch (IOException e) {
            // the record still works as it is; only prune loses track of it
        }
    }

    /**
     * A record helps only when its blob is still there and the diff directory of the chain it makes is
     * there or can be unpacked again from the blobs (an image removal may have taken the snapshot).
     */
    private static boolean usable(BuildSession session, StageState state, CacheRecord record) {
        List<Digest> chain = new ArrayList<>(state.diffIds());
        chain.add(record.diffId());
        try {
            return session.store().blobs().touch(record.diffId())
                    && (session.diffs().has(LayerStore.chainId(chain)) || session.diffs().ensure(chain));
        } catch (IOException e) {
            return false;
        }
    }
}
