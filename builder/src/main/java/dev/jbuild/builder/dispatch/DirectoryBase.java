package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.builder.files.CopyException;
import dev.jbuild.builder.files.CopyRequest;
import dev.jbuild.builder.files.SourceDigest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.platform.EntryAttributes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code FROM NAME} where {@code --build-context NAME=DIR} names a directory: BuildKit makes the
 * directory the stage's root filesystem, a base of one layer holding its files (less what its own
 * {@code .dockerignore} excludes), owned by 0:0 as files of the build context are, with the empty
 * image's config ({@code WorkingDir /}, the default {@code PATH}) and no history of its own
 * (frontend/dockerui/namedcontext.go, "local"; the exporter names such a layer in the history as
 * {@code local source for NAME}, comment {@code buildkit.exporter.image.v0}).
 *
 * <p>The layer is made like a COPY step's, keyed by the directory's content checksum, so an unchanged
 * directory is a cache hit and a changed file a miss.
 */
final class DirectoryBase {
    /** The comment BuildKit's exporter gives a history entry it adds for a layer no instruction made. */
    static final String EXPORTER_COMMENT = "buildkit.exporter.image.v0";

    private DirectoryBase() {
    }

    /**
     * The base the directory makes, its step shown as {@code from}; in a dry run, why the stage's
     * steps would run (the layer is not made yet) goes to {@code dryRunStop}.
     */
    static ImageState load(BuildSession session, StagePlan plan, StepId from, String name, Path directory,
                           Consumer<String> dryRunStop) throws IOException, InterruptedException {
        StageState loading = new StageState(plan.stage(), plan.label(),
                new ImageState(StageRunner.scratch(session), List.of()), true);
        loading.setTotal(plan.total());
        DockerIgnore ignore = SourceImages.ignoreOf(directory);
        Function<Path, CopyRequest> request = target -> CopyRequest.builder("/", target).fromContext(directory)
                .ignore(ignore).source(".").sourceDateEpoch(session.request().sourceDateEpoch()).build();
        SourceDigest content;
        try {
            content = session.copier().checksum(request.apply(null));
        } catch (CopyException e) {
            throw new BuildException(e.getMessage(), from, e);
        }
        CacheKey key = new CacheKey(loading.stateKey(), "FROM local directory", Map.of(), content.digest().value(),
                List.of("epoch=" + session.request().sourceDateEpoch()));
        if (!session.request().dryRun()) {
            session.emit(new BuildEvent.StepStarted(from));
        }
        LayerStep.run(session, loading, from, key, "local source for " + name, content.entries(),
                (workspace, warn) -> {
                    EntryAttributes.expect(content.files());
                    try {
                        session.copier().copy(request.apply(workspace.rootfs()));
                    } catch (CopyException e) {
                        throw new BuildException(e.getMessage(), from, e);
                    }
                });
        if (loading.dryRunStop() != null) {
            dryRunStop.accept(loading.dryRunStop());
        }
        ImageState loaded = loading.image();
        ImageState base = new ImageState(withExporterHistory(loaded.config(), session.epoch()), loaded.layers());
        session.rememberDirectoryBase(name, base);
        return base;
    }

    /** The layer's history entry as BuildKit's exporter writes it for a layer without one. */
    private static ImageConfig withExporterHistory(ImageConfig config, Instant epoch) {
        List<HistoryEntry> history = config.history().stream()
                .map(entry -> new HistoryEntry(epoch != null ? epoch : entry.created(), entry.createdBy(), null,
                        EXPORTER_COMMENT, entry.emptyLayer()))
                .toList();
        return config.withHistory(history);
    }
}
