package dev.jbuild.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * What a build sets for every RUN step's sandbox besides the command, with Docker's meaning:
 * {@code --pids-limit} (the cgroup's pids limit, {@code linux.resources.pids}), {@code --memory}
 * ({@code linux.resources.memory}), {@code --shm-size} (the size of {@code /dev/shm}), {@code --ulimit}
 * (process rlimits) and {@code --cgroup-parent} ({@code linux.cgroupsPath}).
 *
 * <p>A step gets a pids limit by default: a fork bomb in a Dockerfile would otherwise run until the host's
 * limit. 2048 is Podman's default ({@code pids_limit} in containers.conf), far above what a build step forks
 * (a parallel make or a JVM build's threads), far below what hurts a host. {@code --ulimit nproc} does not do
 * this job: the kernel does not apply RLIMIT_NPROC to root, which is who most steps run as.
 *
 * @param pidsLimit the cgroup pids limit; 0 or less for none (Docker's {@code --pids-limit -1})
 * @param memoryBytes the memory limit, or null for none (the default: only when asked)
 * @param shmSizeBytes the size of the step's {@code /dev/shm} tmpfs (Docker's default: 64 MiB)
 * @param cgroupParent the cgroup the step's cgroup is made under, or null for the runtime's default
 */
public record StepResources(long pidsLimit, Long memoryBytes, long shmSizeBytes, List<Ulimit> ulimits,
                            String cgroupParent) {
    public static final long DEFAULT_PIDS_LIMIT = 2048;
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    public StepResources {
        if (memoryBytes != null && memoryBytes <= 0) {
            throw new IllegalArgumentException("invalid memory limit: " + memoryBytes);
        }
        if (shmSizeBytes <= 0) {
            throw new IllegalArgumentException("invalid shm size: " + shmSizeBytes);
        }
        ulimits = List.copyOf(ulimits);
        if (cgroupParent != null && (cgroupParent.isBlank() || cgroupParent.contains("..") || cgroupParent.contains("\0"))) {
            throw new IllegalArgumentException("invalid cgroup parent: " + cgroupParent);
        }
    }

    /** No memory limit, Docker's /dev/shm size, no rlimits, the runtime's cgroup, and the default pids limit. */
    public static StepResources defaults() {
        return new StepResources(DEFAULT_PIDS_LIMIT, null, DEFAULT_SHM_SIZE, List.of(), null);
    }

    public StepResources withPidsLimit(long value) {
        return new StepResources(value, memoryBytes, shmSizeBytes, ulimits, cgroupParent);
    }

    public StepResources withMemoryBytes(Long value) {
        return new StepResources(pidsLimit, value, shmSizeBytes, ulimits, cgroupParent);
    }

    public StepResources withShmSizeBytes(long value) {
        return new StepResources(pidsLimit, memoryBytes, value, ulimits, cgroupParent);
    }

    public StepResources withUlimits(List<Ulimit> value) {
        return new StepResources(pidsLimit, memoryBytes, shmSizeBytes, value, cgroupParent);
    }

    public StepResources withCgroupParent(String value) {
        return new StepResources(pidsLimit, memoryBytes, shmSizeBytes, ulimits, value);
    }

    /**
     * The parts that can change what a step produces and so belong in its cache key, as BuildKit keys them
     * (its exec op carries ulimits, the shm size and the cgroup parent; limits on pids and memory only make a
     * step fail, and a failed step is never cached). Defaults add nothing, so that keys made before these
     * options existed still match.
     */
    public List<String> cacheKeyParts() {
        List<String> parts = new ArrayList<>();
        if (shmSizeBytes != DEFAULT_SHM_SIZE) {
            parts.add("shm=" + shmSizeBytes);
        }
        if (!ulimits.isEmpty()) {
            parts.add("ulimits=" + ulimits);
        }
        if (cgroupParent != null) {
            parts.add("cgroup-parent=" + cgroupParent);
        }
        return parts;
    }
}
