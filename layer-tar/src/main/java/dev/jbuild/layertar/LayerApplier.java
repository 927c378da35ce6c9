package dev.jbuild.layertar;

import dev.jbuild.platform.EntryAttributes;
import dev.jbuild.platform.PosixOps;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies an uncompressed OCI layer tar to a directory: entries are created (replacing what was
 * there unless both are directories), whiteouts remove what the layers below had, opaque
 * directories lose their lower contents, hardlinks resolve inside the target.
 *
 * <p>Refusals leave the target as it was. Applying runs in two passes: the first reads the whole
 * stream, parks file contents in a staging directory, and plays every entry against a model of the
 * target ({@link LayerPlanner}) that includes the symlinks and directories created earlier in the
 * same archive; only when every entry passed does the second pass touch the target. A staging
 * copy of the whole tree and a final move would not do: a layer is applied on top of existing
 * contents, and no single rename merges two trees.
 */
public final class LayerApplier {
    private static final int BUFFER = 64 * 1024;

    private final ApplyOptions options;
    private final PosixOps posix;

    private LayerApplier(ApplyOptions options, PosixOps posix) {
        this.options = Objects.requireNonNull(options, "options");
        this.posix = Objects.requireNonNull(posix, "posix");
    }

    public static LayerApplier of(ApplyOptions options) {
        return of(options, PosixOps.system());
    }

    public static LayerApplier of(ApplyOptions options, PosixOps posix) {
        return new LayerApplier(options, posix);
    }

    /**
     * Reads the tar to its end and applies it to {@code target} (created if missing).
     *
     * @throws UnsafeEntryException an entry would reach outside the target or cannot be applied;
     *     nothing was changed
     * @throws MalformedLayerException the stream is not a readable tar; nothing was changed
     * @throws IOException reading failed (nothing changed), or the file system failed while
     *     writing (the target may be partly updated)
     */
    public ApplyResult apply(InputStream tar, Path target) throws IOException, UnsafeEntryException {
        Sha256Streams.In digesting = new Sha256Streams.In(tar);
        TarReader reader = new TarReader(new BufferedInputStream(digesting, BUFFER));
        try (StagingArea staging = StagingArea.create(target, options.stagingParent())) {
            List<PendingEntry> entries = new ArrayList<>();
            ContentSize size = new ContentSize();
            TarHeader header;
            while ((header = reader.next()) != null) {
                size.add(header);
                PendingEntry entry = EntryChecks.classify(header, options.whiteoutNamesRefused());
                if (entry.role() == PendingEntry.Role.CONTENT && header.type() == TarEntryType.REGULAR
                        && header.size() > 0) {
                    Path staged = reader.sparseMap() != null
                            ? staging.storeSparse(reader.sparseMap(), reader.storedData())
                            : staging.store(reader.data(), header.size());
                    entry = new PendingEntry(header, entry.path(), entry.role(), entry.linkTarget(), staged);
                }
                entries.add(entry);
            }
            reader.drain();
            EntryAttributes.expect(entries.size());
            LayerPlanner.Plan plan = new LayerPlanner(target, options.symlinkTraversal(), options.overlayFormat()).plan(entries);
            PlanExecutor.Report report = new PlanExecutor(target, options, posix).execute(plan.steps());
            return new ApplyResult(digesting.digest(), report.entriesApplied(), plan.whiteouts(),
                    plan.clearedDirectories(), report.skippedXattrs(), size.total());
        }
    }
}
