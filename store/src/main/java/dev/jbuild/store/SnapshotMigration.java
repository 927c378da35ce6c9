package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.JsonFields;
import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Brings a store of the first layout, which kept each layer twice (a full root file system per layer
 * chain in {@code snapshots/<chain>/rootfs}, and the builder's own overlay diffs in
 * {@code builder/layers/<chain>/diff}), to the one set of overlay-format snapshots
 * ({@code snapshots/<chain>/diff}), on the first open by a version that knows it:
 * <ol>
 *   <li>each builder diff becomes its chain's snapshot (a rename: the content is already right);
 *   <li>a bottom layer's rootfs is that layer's diff too, and is renamed so;
 *   <li>the rootfs of any higher chain is deleted: the layer's blob is in the store, and the snapshot
 *       is unpacked again when something needs it.
 * </ol>
 * Every step is one rename or the deletion of something regenerable, so a process killed midway leaves
 * a store the next open finishes migrating; {@code layout-version} is written last. Images, blobs and
 * references are not touched, so image IDs and digests stay what they were.
 */
final class SnapshotMigration {
    /** The layout version this code writes: 2 is one set of snapshots in overlay format. */
    static final String VERSION = "2";
    private static final String OLD_ROOTFS = "rootfs";

    private final StoreLayout layout;
    private final StoreSession session;

    SnapshotMigration(StoreLayout layout, StoreSession session) {
        this.layout = layout;
        this.session = session;
    }

    /** Whether the store may need migrating (one stat on every open). */
    static boolean needed(StoreLayout layout) throws IOException {
        Path version = layout.versionFile();
        return !Files.isRegularFile(version)
                || !Files.readString(version, StandardCharsets.US_ASCII).strip().equals(VERSION);
    }

    /**
     * Migrates the snapshots; the caller holds the store's exclusive lock.
     *
     * @throws StoreCorruptedException when the store was written by a newer layout
     */
    void run() throws IOException {
        Path versionFile = layout.versionFile();
        if (Files.isRegularFile(versionFile)) {
            String version = Files.readString(versionFile, StandardCharsets.US_ASCII).strip();
            if (version.equals(VERSION)) {
                return;
            }
            throw new StoreCorruptedException("the store at " + layout.root() + " has layout version " + version
                    + ", newer than this jbuild knows (" + VERSION + "); use the jbuild that wrote it");
        }
        moveBuilderDiffs();
        convertOldSnapshots();
        AtomicFiles.write(session.newPath("layout-version"), versionFile, (VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void moveBuilderDiffs() throws IOException {
        Path diffs = layout.diffsDir();
        if (!Files.isDirectory(diffs)) {
            return;
        }
        for (Path entry : list(diffs)) {
            String name = entry.getFileName().toString();
            if (!Digest.isHex(name) || !Files.isDirectory(entry.resolve(LayerStore.DIFF))) {
                continue;
            }
            Digest chain = Digest.ofHex(name);
            Path snapshot = layout.snapshot(chain);
            if (Files.isDirectory(snapshot.resolve(LayerStore.DIFF))) {
                continue; // migrated already; the builder's copy goes with the rest below
            }
            if (Files.exists(snapshot)) {
                discard(snapshot); // an old full rootfs of the same chain: the diff replaces it
            }
            ObjectNode meta = CanonicalJson.object();
            meta.put("chainId", chain.value());
            Files.write(entry.resolve(LayerStore.META), CanonicalJson.bytes(meta));
            Files.move(entry, snapshot, StandardCopyOption.ATOMIC_MOVE);
        }
        AtomicFiles.syncDirectory(layout.snapshotsDir());
        discard(diffs);
        Path builder = diffs.getParent();
        try (Stream<Path> left = Files.list(builder)) {
            if (left.findAny().isEmpty()) {
                Files.delete(builder);
            }
        }
    }

    private void convertOldSnapshots() throws IOException {
        for (Path snapshot : list(layout.snapshotsDir())) {
            Path rootfs = snapshot.resolve(OLD_ROOTFS);
            if (!Files.isDirectory(rootfs)) {
                continue;
            }
            if (!Files.isDirectory(snapshot.resolve(LayerStore.DIFF)) && isBottomLayer(snapshot)) {
                Files.move(rootfs, snapshot.resolve(LayerStore.DIFF), StandardCopyOption.ATOMIC_MOVE);
            } else {
                discard(snapshot);
            }
        }
        AtomicFiles.syncDirectory(layout.snapshotsDir());
    }

    /** A snapshot record without a parent is the bottom layer's: its full tree is its diff. */
    private static boolean isBottomLayer(Path snapshot) throws IOException {
        Path meta = snapshot.resolve(LayerStore.META);
        if (!Files.isRegularFile(meta)) {
            return false;
        }
        try {
            JsonNode record = JsonFields.object(Files.readAllBytes(meta), "snapshot record");
            return !record.has("parent");
        } catch (InvalidImageException e) {
            return false;
        }
    }

    /** Renamed away first, so that a kill midway never leaves half a tree under a snapshot's name. */
    private void discard(Path path) throws IOException {
        Path doomed = session.newPath("migrated");
        Files.move(path, doomed, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(doomed);
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
