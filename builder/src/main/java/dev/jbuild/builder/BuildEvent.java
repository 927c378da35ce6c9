package dev.jbuild.builder;

import dev.jbuild.executor.OutputListener;
import java.time.Duration;
import java.util.List;

/** What happens during a build, for progress renderers; the builder itself never prints. */
public sealed interface BuildEvent {

    /**
     * The build is checked and about to run its first step.
     *
     * @param steps how many steps progress will show in all, known from the start
     */
    record BuildPlanned(int steps) implements BuildEvent {}

    /** A step began: it is being looked up in the cache or run. */
    record StepStarted(StepId step) implements BuildEvent {}

    /** A line a RUN step printed. */
    record StepOutput(StepId step, OutputListener.Stream stream, String line) implements BuildEvent {}

    /**
     * The step will run although an earlier build of it (same Dockerfile, context, stage and position)
     * was cached; {@code reason} says why in one line ({@code build arg VERSION: 1.2 → 1.3}).
     */
    record StepCacheMiss(StepId step, String reason) implements BuildEvent {}

    /**
     * {@code build --dry-run}: what the step would do.
     *
     * @param cached whether its result would come from the cache
     * @param reason why it would run (null when cached, or for a FROM)
     */
    record StepPlanned(StepId step, boolean cached, String reason) implements BuildEvent {}

    /** The step's result came from the cache. */
    record StepCached(StepId step) implements BuildEvent {}

    /** The step ran and succeeded. */
    record StepFinished(StepId step, Duration elapsed) implements BuildEvent {}

    /**
     * The step failed.
     *
     * @param lastLines up to the last 20 lines the step printed
     */
    record StepFailed(StepId step, String message, List<String> lastLines, Duration elapsed) implements BuildEvent {}

    /**
     * A step did what it was asked, but what it made will likely not work as meant (a {@code --chmod}
     * that leaves directories unsearchable); said again when the step comes from the cache.
     */
    record StepWarning(StepId step, String message) implements BuildEvent {}

    /** A step was stopped because another one failed. */
    record StepCancelled(StepId step) implements BuildEvent {}

    /** Informational message that belongs to no step (e.g. which storage driver is used). */
    record Notice(String message) implements BuildEvent {}

    /** The build is done and its result written. */
    record BuildFinished(BuildSummary summary) implements BuildEvent {}
}
