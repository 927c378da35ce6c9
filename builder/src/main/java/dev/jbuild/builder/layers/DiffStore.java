package dev.jbuild.builder.layers;

import dev.jbuild.store.StoreLayout;
import dev.jbuild.builder.ExecutorSetup;
import dev.jbuild.executor.Workspace;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.DirectoryRename;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.store.CompressionStreams;
import dev.jbuild.store.ImageStore;
import dev.jbuild.store.LayerStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One unpacked diff directory per layer chain, in overlay format, as Docker's overlay2 keeps them:
 * {@code <store>/builder/layers/<chain-id hex>/diff}. Each step's workspace stacks the diffs of its
 * parent chain as lower directories, so a step costs what it changes, never a copy of the whole root.
 *
 * <p>A diff directory appears whole or not at all: it is written under {@code layers/.tmp/} and
 * renamed into place; a second writer of the same chain (another stage, another process) drops its
 * copy. Temporary entries live in their own directory so that start-up looks for abandoned ones
 * there, not among the thousands of diff directories of a busy store.
 */
public final class DiffStore {
    private final StoreLayout layout;
    private final Path root;
    private final Path temps;
    private final ImageStore store;
    private final ExecutorSetup executor;
    private final ConcurrentHashMap<Digest, ReentrantLock> unpacking = new ConcurrentHashMap<>();

    public DiffStore(ImageStore store, ExecutorSetup executor) throws IOException {
        this.store = store;
        this.executor = executor;
        this.layout = store.layout();
        this.root = Files.createDirectories(layout.diffsDir());
        this.temps = Files.createDirectories(layout.diffsTempDir());
        removeAbandonedTemps();
    }

    /** The diff directory of a chain, when it exists. */
    public Path diffDir(Digest chainId) {
        return layout.diffDir(chainId);
    }

    public boolean has(Digest chainId) {
        return Files.isDirectory(diffDir(chainId));
    }

    /** The diff directories of a layer stack, bottom first (all must exist). */
    public List<Path> lowers(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>(diffIds.size());
        for (Digest chain : LayerStore.chainIds(diffIds)) {
            dirs.add(diffDir(chain));
        }
        return dirs;
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
        if (diffIds.isEmpty()) {
            return;
        }
        List<Digest> chains = LayerStore.chainIds(diffIds);
        for (int i = 0; i < chains.size(); i++) {
            Digest chain = chains.get(i);
            if (has(chain)) {
                continue;
            }
            ReentrantLock lock = unpacking.computeIfAbsent(chain, c -> new ReentrantLock());
            lock.lock();
            try {
                if (!has(chain)) {
                    unpack(diffIds.subList(0, i), layers.get(i), diffIds.get(i), chain);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void unpack(List<Digest> parents, Descriptor layer, Digest diffId, Digest chain) throws IOException {
        try (Workspace workspace = workspace(parents)) {
            try (InputStream blob = store.blobs().open(layer);
                 InputStream tar = CompressionStreams.decompressing(MediaTypes.layerCompression(layer.mediaType()), blob)) {
                dev.jbuild.layertar.ApplyResult result;
                try {
                    result = LayerApplier.of(ApplyOptions.defaults()).apply(tar, workspace.rootfs());
                } catch (dev.jbuild.layertar.UnsafeEntryException e) {
                    throw new IOException("layer " + layer.digest() + " is unsafe to unpack: " + e.getMessage(), e);
                }
                tar.transferTo(java.io.OutputStream.nullOutputStream());
                blob.transferTo(java.io.OutputStream.nullOutputStream()); // to the end, where the digest is checked
                Digest actual = result.digest().digest();
                if (!actual.equals(diffId)) {
                    throw new dev.jbuild.store.BlobCorruptedException(diffId, actual);
                }
            }
            commit(chain, workspace);
        }
    }

    /**
     * Saves the workspace's diff as the diff directory of {@code chain}; if another writer got there
     * first, its copy stays and ours is dropped.
     */
    public void commit(Digest chain, Workspace workspace) throws IOException {
        if (has(chain)) {
            return;
        }
        Path temp = temps.resolve(UUID.randomUUID().toString());
        Files.createDirectories(temp);
        try {
            workspace.saveDiff(temp.resolve(layout.diffDir(chain).getFileName().toString()));
            try {
                // false: another stage or process committed the same chain first, with identical content
                if (DirectoryRename.renameIfAbsent(temp, layout.diffDir(chain).getParent())) {
                    temp = null;
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename within " + root, e);
            }
        } finally {
            if (temp != null) {
                FileTrees.delete(temp);
            }
        }
    }

    private void removeAbandonedTemps() throws IOException {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var entries = Files.list(temps)) {
            for (Path entry : entries.toList()) {
                if (Files.getLastModifiedTime(entry).toMillis() < hourAgo) {
                    FileTrees.delete(entry);
                }
            }
        }
    }

    // ---- for prune, which works without an executor and so without an instance

    /** How temporary entries were named beside the diff directories before they had their own directory. */
    private static final String LEGACY_TEMP_PREFIX = ".tmp-";

    /** The chains that have a diff directory under a store root, sorted; temporary entries excluded. */
    public static List<Digest> chains(StoreLayout layout) throws IOException {
        Path dir = layout.diffsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(Digest::isHex).map(Digest::ofHex)
                    .sorted().toList();
        }
    }

    /** Half-written or half-deleted entries (a process died in the middle), to be removed once nobody writes them. */
    public static List<Path> temporaryEntries(StoreLayout layout) throws IOException {
        Path dir = layout.diffsDir();
        List<Path> temporary = new ArrayList<>();
        if (Files.isDirectory(layout.diffsTempDir())) {
            try (var entries = Files.list(layout.diffsTempDir())) {
                entries.forEach(temporary::add);
            }
        }
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                entries.filter(entry -> entry.getFileName().toString().startsWith(LEGACY_TEMP_PREFIX))
                        .forEach(temporary::add);
            }
        }
        temporary.sort(null);
        return temporary;
    }

    /**
     * Deletes a chain's diff directory. It is renamed to a temporary name first, so that no reader
     * ever takes a half-deleted tree for a lower directory; a kill midway leaves a temporary entry
     * that start-up or the next prune removes.
     *
     * @return the bytes of regular files freed
     */
    public static long remove(StoreLayout layout, Digest chain) throws IOException {
        Path doomed = Files.createDirectories(layout.diffsTempDir()).resolve("prune-" + UUID.randomUUID());
        try {
            Files.move(layout.diffDir(chain).getParent(), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return 0;
        }
        return FileTrees.delete(doomed);
    }
}
