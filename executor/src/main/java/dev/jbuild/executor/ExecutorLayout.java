package dev.jbuild.executor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the executor keeps its state below one root (typically {@code <store root>/executor}).
 * Everything transient (workspaces, bundles, probes) lives in a directory holding an
 * {@link OwnerLease}, so that {@link Janitor} can tell what a killed process left behind.
 */
public record ExecutorLayout(Path root) {

    public ExecutorLayout {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** One directory per running step: the OCI bundle, its host-side files and mounts. */
    public Path runs() {
        return root.resolve("runs");
    }

    /** The OCI runtime's own state ({@code runc --root}), kept apart from other users of runc. */
    public Path runtimeState() {
        return root.resolve("runtime");
    }

    /** The overlay driver's workspaces. */
    public Path overlay() {
        return root.resolve("overlay");
    }

    /** The vfs driver's workspaces. */
    public Path vfs() {
        return root.resolve("vfs");
    }

    /** Persistent {@code RUN --mount=type=cache} directories. */
    public Path caches() {
        return root.resolve("cache");
    }

    /** Probe verdicts remembered for the rest of the boot (see {@link ProbeVerdicts}). */
    public Path verdicts() {
        return root.resolve("verdicts");
    }

    /** Scratch directories of the storage and runtime probes. */
    public Path probes() {
        return root.resolve("probe");
    }
}
