package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Path;

/** A step's own network namespace, connected to the outside by a {@link NetworkProvider}; closing takes it down. */
interface StepNetwork extends AutoCloseable {

    /** The namespace file the runtime joins ({@code linux.namespaces[].path}). */
    Path namespace();

    /** Disconnects and removes everything the provider set up for the step; idempotent. */
    @Override
    void close() throws IOException;
}
