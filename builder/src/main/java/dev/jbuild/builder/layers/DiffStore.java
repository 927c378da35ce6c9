package dev.jbuild.builder.layers;

import dev.jbuild.builder.ExecutorSetup;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The builder's side of the store's snapshots ({@link LayerStore}): each step's workspace stacks the
 * diffs of its parent chain as overlay lower directories, so a step costs what it changes, never a copy
 * of the whole root, and each step's diff becomes the snapshot of its chain. A base image that was
 * loaded, imported or pulled is built on from the very snapshots the store made for it: there is no
 * second copy of a layer for builds.
 */
public final class DiffStore {
    private final ImageStore store;
    private final ExecutorSetup executor;

    public DiffStore(ImageStore store, ExecutorSetup executor) {
        this.store = store;
        this.executor = executor;
    }

    /** The diff directory of a chain, when it exists. */
    public Path diffDir(Digest chainId) {
        return store.layers().diffDir(chainId);
    }

    public boolean has(Digest chainId) {
        return store.layers().has(chainId);
    }

    /** The diff directories of a layer stack, bottom first (all must exist). */
    public List<Path> lowers(List<Digest> diffIds) {
        return store.layers().diffDirs(diffIds);
    }

    /** A workspace over a stack of layers whose diffs exist. */
    public Workspace workspace(List<Digest> diffIds) throws IOException {
        return executor.driver().prepare(lowers(diffIds));
    }

    /**
     * Makes sure every layer of an image (or any stack whose blobs are in the store) has its diff
     * directory, unpacking the missing ones from their blobs, bottom first.
     *
     * @param layers the layer blobs (compressed or not), aligned with {@code diffIds}
     */
    public void ensure(List<Digest> diffIds, List<Descriptor> layers) throws IOException {
        store.layers().diffs(diffIds, layers);
    }

    /** Makes sure the stack's diffs exist, unpacking from the blobs stored under its diff IDs; false when one is gone. */
    public boolean ensure(List<Digest> diffIds) {
        try {
            store.layers().diffs(diffIds);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Saves the workspace's diff as the snapshot of the layer stack {@code stack}; if another writer got
     * there first, its copy stays and ours is dropped.
     */
    public void commit(List<Digest> stack, Workspace workspace) throws IOException {
        if (has(LayerStore.chainId(stack))) {
            return;
        }
        Path diff = store.layers().newDiffDirectory();
        try {
            workspace.saveDiff(diff);
            store.layers().adopt(stack, diff, false);
        } finally {
            dev.jbuild.platform.FileTrees.delete(diff.getParent());
        }
    }
}
