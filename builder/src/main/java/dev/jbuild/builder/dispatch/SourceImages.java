package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BaseImageNotFoundException;
import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.NamedContext;
import dev.jbuild.builder.remote.BaseImageSource;
import dev.jbuild.builder.StepId;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.graph.InstructionGraph;
import dev.jbuild.parser.graph.Stage;
import dev.jbuild.store.ImageNotFoundException;
import dev.jbuild.store.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * An image of the store, its layers' diffs ready; a named context of that name stands in for it
     * ({@code docker-image://REF}: that image; a directory is made a base by {@link DirectoryBase}). One the store
     * lacks is pulled from the image source when the build has one; with {@code --pull} the source is
     * asked first, and when it cannot be reached the store's copy still serves.
     */
    static ImageState image(BuildSession session, String reference, StepId step) throws IOException {
        ImageRecord record = session.resolvedImage(reference,
                () -> resolve(session, named(session, reference, step), step));
        session.diffs().ensure(record.diffIds(), record.manifest().layers());
        return new ImageState(record.config(), record.manifest().layers());
    }

    /** The image a named context of that name stands for ({@code docker-image://REF}), else the name itself. */
    private static String named(BuildSession session, String reference, StepId step) {
        NamedContext named = session.request().namedContexts().get(reference);
        if (named instanceof NamedContext.Image image) {
            return image.reference();
        }
        if (named instanceof NamedContext.Directory) {
            throw new IllegalStateException("the directory context " + reference + " is not an image");
        }
        return reference;
    }

    /**
     * The image {@code reference} names (a named context's image, the store's, or pulled), without
     * preparing its layers: for the checks made before the build runs. Resolved once per build, so the
     * steps find what the checks saw.
     *
     * @throws BaseImageNotFoundException when no image can be had under that name
     */
    static ImageRecord record(BuildSession session, String reference) throws IOException {
        return session.resolvedImage(reference, () -> resolve(session, named(session, reference, null), null));
    }

    private static ImageRecord resolve(BuildSession session, String reference, StepId step) throws IOException {
        BaseImageSource source = session.request().baseImages();
        if (source != null && session.request().pull() && pullable(reference)) {
            try {
                return source.pull(reference);
            } catch (BaseImageSource.ImageUnavailableException e) {
                if (!(e instanceof BaseImageSource.ImageSourceUnreachableException)) {
                    throw new BuildException("pulling " + reference + ": " + e.getMessage(), step, e);
                }
                Optional<ImageRecord> stored = stored(session, reference);
                if (stored.isEmpty()) {
                    throw new BaseImageNotFoundException(reference, step, e.getMessage(), e);
                }
                session.emit(new dev.jbuild.builder.BuildEvent.Notice("using the stored " + reference
                        + ": the registry cannot be reached (" + e.getMessage() + ")"));
                return stored.get();
            }
        }
        Optional<ImageRecord> stored = stored(session, reference);
        if (stored.isPresent()) {
            return stored.get();
        }
        if (source == null || !pullable(reference)) {
            throw new BaseImageNotFoundException(reference, step);
        }
        return pulled(session, source, reference, step);
    }

    private static ImageRecord pulled(BuildSession session, BaseImageSource source, String reference, StepId step)
            throws IOException {
        try {
            return source.pull(reference);
        } catch (BaseImageSource.ImageUnavailableException e) {
            throw new BaseImageNotFoundException(reference, step, e.getMessage(), e);
        }
    }

    private static Optional<ImageRecord> stored(BuildSession session, String reference) throws IOException {
        try {
            return Optional.of(session.store().image(reference));
        } catch (ImageNotFoundException | InvalidReferenceException e) {
            return Optional.empty();
        }
    }

    /** A name a registry could have; an image ID (or a prefix of one) is the store's alone. */
    private static boolean pullable(String reference) {
        if (reference.startsWith("sha256:") || reference.matches("[0-9a-f]{64}")) {
            return false;
        }
        try {
            dev.jbuild.imagespec.Reference.parse(reference);
            return true;
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    /**
     * Checks that {@code --from} can be resolved: a named context, a stage of the build, or an image.
     *
     * @throws BaseImageNotFoundException when it is none of these
     */
    static void requireStageOrImage(BuildSession session, String reference) throws IOException {
        if (!session.request().namedContexts().containsKey(reference)
                && stage(session.request().graph(), reference).isEmpty()) {
            record(session, reference);
        }
    }

    /**
     * A stage (by name or index) or else an image, as BuildKit resolves {@code --from}; a named
     * context of that name comes first (see {@link #namedDirectory} for the directory kind).
     */
    static ImageState stageOrImage(BuildSession session, String reference, StepId step)
            throws IOException, InterruptedException {
        if (session.request().namedContexts().containsKey(reference)) {
            return image(session, reference, step);
        }
        Optional<Stage> stage = stage(session.request().graph(), reference);
        if (stage.isPresent()) {
            return session.results().await(stage.get().index());
        }
        return image(session, reference, step);
    }

    /** The directory of the named context {@code name}, when {@code --build-context} gave one. */
    static Path namedDirectory(BuildSession session, String name) {
        return name != null && session.request().namedContexts().get(name) instanceof NamedContext.Directory directory
                ? directory.path() : null;
    }

    /**
     * What a named directory context leaves out: its own {@code .dockerignore}, as BuildKit loads a local
     * named context (frontend/dockerui/namedcontext.go); the main context's does not apply to it.
     */
    static DockerIgnore ignoreOf(Path namedDirectory) throws IOException {
        Path file = namedDirectory.resolve(".dockerignore");
        return Files.isRegularFile(file) ? DockerIgnore.parse(Files.readString(file)) : DockerIgnore.empty();
    }

    static Optional<Stage> stage(InstructionGraph graph, String reference) {
        return graph.stage(reference);
    }

    /** A read-only look at an image's root filesystem; close it when done. */
    static View view(BuildSession session, ImageState image) throws IOException {
        session.materialize(image.diffIds(), image.layers());
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
