package dev.jbuild.executor;

import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what killed processes left behind: containers still known to the runtime, the network of
 * their steps (namespace files, and the CNI bridge's interfaces, address leases and NAT rules), mounts and
 * directories of steps, workspaces and probes whose owner (see {@link OwnerLease}) is gone. Safe
 * to run at any time, also while other jbuild processes work: live owners' directories are skipped.
 */
public final class Janitor {

    /** What was cleaned: stale directories removed, containers deleted, mounts unmounted. */
    public record Report(int directories, int containers, int mounts, List<String> failures) {
    }

    /**
     * One thing a dead process left, as {@code jbuild system check} reports it.
     *
     * @param kind {@code container}, {@code mount}, {@code network} or {@code directory}
     * @param path the container's id, the mount point, or the directory
     */
    public record Leftover(String kind, String path, String detail) {
    }

    private Janitor() {
    }

    public static Report cleanStale(ExecutorLayout layout) {
        Counter counter = new Counter();
        for (Path dir : staleDirectories(layout, counter.failures)) {
            clean(dir, counter);
        }
        return new Report(counter.directories, counter.containers, counter.mounts, counter.failures);
    }

    /** What {@link #cleanStale} would remove, changing nothing: running containers first, then mounts. */
    public static List<Leftover> findStale(ExecutorLayout layout) {
        List<Leftover> containers = new ArrayList<>();
        List<Leftover> others = new ArrayList<>();
        for (Path dir : staleDirectories(layout, new ArrayList<>())) {
            try {
                RunState state = RunState.read(dir);
                if (state != null && Files.exists(Path.of(state.runtimeRoot(), state.containerId()))) {
                    containers.add(new Leftover("container", state.containerId(), "container " + state.containerId()
                            + " of a jbuild process that is gone is still known to " + state.runtime()));
                }
                if (Files.exists(dir.resolve(CniBridgeNetwork.RECORD))) {
                    others.add(new Leftover("network", dir.toString(), "the CNI network of a step in " + dir
                            + " (veth, address lease, NAT rules) is still attached"));
                }
                for (Path mount : MountTable.under(dir)) {
                    others.add(new Leftover("mount", mount.toString(), "mount " + mount + " of a jbuild process that is gone"));
                }
                others.add(new Leftover("directory", dir.toString(), "directory " + dir + " of a jbuild process that is gone"));
            } catch (IOException | RuntimeException e) {
                others.add(new Leftover("directory", dir.toString(), dir + ": " + e.getMessage()));
            }
        }
        containers.addAll(others);
        return containers;
    }

    private static List<Path> staleDirectories(ExecutorLayout layout, List<String> failures) {
        List<Path> stale = new ArrayList<>();
        for (Path parent : List.of(layout.runs(), layout.overlay(), layout.vfs(), layout.probes())) {
            for (Path dir : children(parent, failures)) {
                if (OwnerLease.isClaimed(dir) ? OwnerLease.isStale(dir) : isAbandonedUnclaimed(dir)) {
                    stale.add(dir);
                }
            }
        }
        return stale;
    }

    /** Convenience for callers that only know the root. */
    public static Report cleanStale(Path root) {
        return cleanStale(new ExecutorLayout(root));
    }

    private static void clean(Path dir, Counter counter) {
        try {
            RunState state = RunState.read(dir);
            if (state != null && Files.exists(Path.of(state.runtimeRoot(), state.containerId()))) {
                Commands.Result result = Commands.run(List.of(state.runtime(), "--root", state.runtimeRoot(),
                        "delete", "--force", state.containerId()));
                if (result.succeeded()) {
                    counter.containers++;
                } else {
                    counter.failures.add("container " + state.containerId() + ": " + result.output().strip());
                }
            }
            // While the step's namespace file is still mounted: the bridge plugin finds what to un-NAT through it.
            CniBridgeNetwork.cleanStale(dir);
            for (Path mount : MountTable.under(dir)) {
                Mounts.unmount(mount);
                counter.mounts++;
            }
            FileTrees.delete(dir);
            counter.directories++;
        } catch (IOException | RuntimeException e) {
            counter.failures.add(dir + ": " + e.getMessage());
        }
    }

    /**
     * A directory without an owner file: a crash between creating it and claiming it. It is
     * abandoned once it is older than a minute (a live creator claims it within milliseconds).
     */
    private static boolean isAbandonedUnclaimed(Path dir) {
        try {
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis();
            return age > 60_000;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> children(Path parent, List<String> failures) {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            for (Path child : stream) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    children.add(child);
                }
            }
        } catch (IOException e) {
            failures.add(parent + ": " + e.getMessage());
        }
        return children;
    }

    private static final class Counter {
        int directories;
        int containers;
        int mounts;
        final List<String> failures = new ArrayList<>();
    }
}
