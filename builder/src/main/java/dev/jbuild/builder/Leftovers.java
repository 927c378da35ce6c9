package dev.jbuild.builder;

import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.executor.Janitor;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What jbuild processes that were killed left behind in a store: running containers, overlay and network
 * namespace mounts, step and workspace directories (the executor's), and temp areas with what they
 * registered outside the store (the store's: a killed load's archive, a killed save's temp file). Found for
 * {@code jbuild system check}, removed by {@code jbuild prune} and {@code system check --repair}, without a
 * build. What belongs to a process that still runs is never touched.
 */
public final class Leftovers {

    /**
     * One leftover.
     *
     * @param kind {@code container}, {@code mount}, {@code network}, {@code directory} or {@code temp}
     * @param bytes the disk space it holds, when known (temp areas), else 0
     */
    public record Item(String kind, String path, String detail, long bytes) {
    }

    /** What {@link #clean} removed. */
    public record Cleaned(Janitor.Report executor, long tempBytes) {
    }

    private Leftovers() {
    }

    /** The executor's state under a store (what {@link ImageBuilder#open} uses). */
    public static ExecutorLayout executorLayout(ImageStore store) {
        return new ExecutorLayout(store.layout().executorDir());
    }

    public static List<Item> find(ImageStore store) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Janitor.Leftover leftover : Janitor.findStale(executorLayout(store))) {
            items.add(new Item(leftover.kind(), leftover.path(), leftover.detail(), 0));
        }
        for (Map.Entry<Path, Long> area : store.deadTempAreas().entrySet()) {
            items.add(new Item("temp", area.getKey().toString(), "temp data of a jbuild process that is gone: "
                    + area.getKey(), area.getValue()));
        }
        return items;
    }

    /** Containers first, then mounts and directories, then temp areas; failures are in the executor's report. */
    public static Cleaned clean(ImageStore store) throws IOException {
        Janitor.Report executor = Janitor.cleanStale(executorLayout(store));
        return new Cleaned(executor, store.removeDeadTempAreas());
    }
}
