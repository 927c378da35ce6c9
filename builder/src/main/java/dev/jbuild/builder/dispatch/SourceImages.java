package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BaseImageNotFoundException;
import dev.jbuild.builder.StepId;
import dev.jbuild.executor.Workspace;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.store.ImageNotFoundException;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.InvalidReferenceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds what FROM, {@code COPY --from} and {@code RUN --mount from=} name: a stage of this build
 * (waiting for it to finish) or an image of the store (unpacking its layers' diffs once), and gives a
 * read-only view of its root filesystem.
 */
final class SourceImages {
    private SourceImages() {
    }

    /** An image of the store, its layers' diffs ready. */
    static ImageState image(BuildSession session, String reference, StepId step) throws IOException {
        ImageRecord record;
        try {
            record = session.store().image(reference);
        } catch (ImageNotFoundException | InvalidReferenceException e) {
            throw new BaseImageNotFoundException(reference, step);
        }
        session.diffs().ensure(record.diffIds(), record.manifest().layers());
        return new ImageState(record.config(), record.manifest().layers());
    }

    /**
     * The store's image {@code reference} names, without preparing its layers: for checks made before
     * the build runs.
     *
     * @throws BaseImageNotFoundException when the store has no such image
     */
    static ImageRecord record(BuildSession session, String reference) throws IOException {
        try {
            return session.store().image(reference);
        } catch (ImageNotFoundException | InvalidReferenceException e) {
            throw new BaseImageNotFoundException(reference, null);
        }
    }

    /**
     * Checks that {@code --from} can be resolved: a stage of the build, or an image of the store.
     *
     * @throws BaseImageNotFoundException when it is neither
     */
    static void requireStageOrImage(BuildSession session, String reference) throws IOException {
        if (stage(session.request().graph(), reference).isEmpty()) {
            record(session, reference);
        }
    }

    /** A stage (by name or index) or else an image, as BuildKit resolves {@code --from}. */
    static ImageState stageOrImage(BuildSession session, String reference, StepId step)
            throws IOException, InterruptedException {
        Optional<Stage> stage = stage(session.request().graph(), reference);
        if (stage.isPresent()) {
            return session.results().await(stage.get().index());
        }
        return image(session, reference, step);
    }

    static Optional<Stage> stage(InstructionGraph graph, String reference) {
        return graph.stage(reference);
    }

    /** A read-only look at an image's root filesystem; close it when done. */
    static View view(BuildSession session, ImageState image) throws IOException {
        Workspace workspace = session.diffs().workspace(image.diffIds());
        return new View(workspace.rootfs(), workspace);
    }

    /** A mounted root filesystem. */
    record View(Path root, Workspace workspace) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            workspace.close();
        }
    }
}
