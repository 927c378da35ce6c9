package dev.jbuild.builder;

import dev.jbuild.imagespec.Digest;
import java.time.Duration;
import java.util.List;

/**
 * What a finished build produced, for the final summary.
 *
 * @param imageId the config digest; the image ID
 * @param tags the tags written (as given)
 * @param layers how many layers the image has
 * @param size the sum of its layer sizes in bytes
 * @param steps every filesystem step of the build with how long it took and whether it was cached
 * @param elapsed the whole build
 * @param warnings every warning of the build's steps, in step order
 */
public record BuildSummary(Digest imageId, List<String> tags, int layers, long size, List<StepTiming> steps,
                           Duration elapsed, List<BuildEvent.StepWarning> warnings) {
    public BuildSummary {
        tags = List.copyOf(tags);
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    public BuildSummary(Digest imageId, List<String> tags, int layers, long size, List<StepTiming> steps,
                        Duration elapsed) {
        this(imageId, tags, layers, size, steps, elapsed, List.of());
    }

    /** One step's time; {@code cached} steps took only the lookup. */
    public record StepTiming(StepId step, Duration elapsed, boolean cached) {}
}
