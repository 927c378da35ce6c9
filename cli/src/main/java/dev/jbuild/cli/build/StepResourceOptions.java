package dev.jbuild.cli.build;

import dev.jbuild.builder.cache.StorageSize;
import dev.jbuild.executor.StepResources;
import dev.jbuild.executor.Ulimit;
import java.util.List;

/**
 * The build's sandbox options as given ({@code --pids-limit}, {@code --memory}, {@code --shm-size},
 * {@code --ulimit}, {@code --cgroup-parent}), turned into {@link StepResources}; sizes read as Docker reads
 * them ({@code 64m}, {@code 1g}). A bad value is an {@link IllegalArgumentException} the command reports.
 */
public record StepResourceOptions(Long pidsLimit, String memory, String shmSize, List<String> ulimits,
                                  String cgroupParent) {

    public StepResources toResources() {
        StepResources resources = StepResources.defaults();
        if (pidsLimit != null) {
            resources = resources.withPidsLimit(pidsLimit);
        }
        if (memory != null) {
            resources = resources.withMemoryBytes(size("--memory", memory));
        }
        if (shmSize != null) {
            resources = resources.withShmSizeBytes(size("--shm-size", shmSize));
        }
        if (!ulimits.isEmpty()) {
            resources = resources.withUlimits(ulimits.stream().map(Ulimit::parse).toList());
        }
        if (cgroupParent != null) {
            resources = resources.withCgroupParent(cgroupParent);
        }
        return resources;
    }

    private static long size(String option, String value) {
        long bytes;
        try {
            bytes = StorageSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + option + " \"" + value + "\": " + e.getMessage(), e);
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("invalid " + option + " \"" + value + "\": must be more than 0");
        }
        return bytes;
    }
}
