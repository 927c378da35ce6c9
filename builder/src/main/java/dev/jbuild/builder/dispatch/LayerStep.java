package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildCancelledException;
import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheEntry;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.builder.cache.CacheRecord;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.Change;
import dev.jbuild.layertar.ContentSize;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The life of one filesystem step (RUN, COPY, ADD, WORKDIR): look its key up in the cache; on a miss,
 * prepare a workspace on the parent's diffs, let the instruction do its work, write the diff as an
 * uncompressed layer blob (its digest is the diff ID), keep the diff as the new chain's lower
 * directory, and record the key. Either way the stage gets the layer and its history entry.
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
        long start = System.nanoTime();
        if (session.request().cacheAllowed(state.stage())) {
            Optional<CacheRecord> hit = session.cache().lookup(key).filter(r -> usable(session, state, r));
            if (hit.isPresent()) {
                CacheRecord record = hit.get();
                recordStackOfOldRecord(session, state, key, record);
                Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER, record.diffId(), record.size());
                session.journal(new CacheEntry(key.digest(), record.withStack(stackWith(state, record.diffId())), layer));
                state.addLayer(layer, createdBy, record.created());
                session.emit(new BuildEvent.StepCached(step));
                record.warnings().forEach(warning -> session.emit(new BuildEvent.StepWarning(step, warning)));
                session.timed(step, Duration.ofNanos(System.nanoTime() - start), true);
                return;
            }
            Optional<CacheEntry> shared = session.sharedLookup(key.digest())
                    .filter(e -> e.record().stack().equals(stackWith(state, e.record().diffId())));
            if (shared.isPresent()) {
                // The layer stays where it is until a later step, a copy or the image itself needs it.
                CacheEntry entry = shared.get();
                session.journal(entry);
                state.addLayer(entry.blob(), entry.record().diffId(), createdBy, entry.record().created());
                session.emit(new BuildEvent.StepCached(step));
                entry.record().warnings().forEach(warning -> session.emit(new BuildEvent.StepWarning(step, warning)));
                session.timed(step, Duration.ofNanos(System.nanoTime() - start), true);
                return;
            }
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
            layer = session.store().blobs().write(MediaTypes.OCI_LAYER,
                    out -> writer.streamChanges(workspace.diffRoot(), changes, out, size));
            session.store().layerSizes().record(layer.digest(), size.total());
            stack.add(layer.digest());
            session.diffs().commit(LayerStore.chainId(stack), workspace);
        }
        Instant created = Instant.now();
        // The whole stack goes into the record so that prune knows every diff directory it needs.
        CacheRecord made = new CacheRecord(layer.digest(), layer.size(), created, stack, warnings);
        session.cache().store(key, made);
        session.journal(new CacheEntry(key.digest(), made, layer));
        state.addLayer(layer, createdBy, created);
        warnings.forEach(warning -> session.emit(new BuildEvent.StepWarning(step, warning)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        session.emit(new BuildEvent.StepFinished(step, elapsed));
        session.timed(step, elapsed, false);
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

    /** A record helps only when its blob and the diff directory of the chain it makes are still there. */
    private static boolean usable(BuildSession session, StageState state, CacheRecord record) {
        List<Digest> chain = new ArrayList<>(state.diffIds());
        chain.add(record.diffId());
        try {
            return session.diffs().has(LayerStore.chainId(chain)) && session.store().blobs().touch(record.diffId());
        } catch (IOException e) {
            return false;
        }
    }
}
