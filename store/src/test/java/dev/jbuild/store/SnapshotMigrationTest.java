package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A store of the first layout (a full rootfs per layer chain under {@code snapshots/}, the builder's own
 * diffs under {@code builder/layers/}) is migrated by the first open: the builder's diffs and the bottom
 * layers' trees become the snapshots, the rest goes (it unpacks again from the blobs), images are
 * untouched. The old store is made here the way the first layout laid it out, on disk.
 */
class SnapshotMigrationTest extends StoreTest {

    @Test
    void anOldLayoutStoreIsMigratedOnFirstOpenAndItsImagesStayWhole() throws Exception {
        ImageRecord image = Trees.image(store, scratch, "content", "app");
        Digest bottom = image.diffIds().get(0);
        byte[] exportedBefore = export(image);
        Path snapshot = store.layers().diffs(image).get(0).getParent();
        store.close();

        // Layout 1: the bottom layer's snapshot is a full tree, "rootfs", with a record without parent ...
        Files.move(snapshot.resolve("diff"), snapshot.resolve("rootfs"));
        // ... a higher chain's snapshot is the whole tree of every layer below it too ...
        Digest higher = Digest.of("a chain above");
        Path old = Files.createDirectories(root.resolve("snapshots").resolve(higher.hex()).resolve("rootfs/etc"));
        Files.writeString(old.resolve("copy"), "a copy of everything below");
        Files.writeString(old.getParent().getParent().resolve("snapshot.json"),
                "{\"chainId\":\"" + higher + "\",\"diffId\":\"" + Digest.of("top") + "\",\"parent\":\"" + bottom + "\"}");
        // ... and the builder kept its own diffs, with a half-written one of a killed build.
        Digest built = Digest.of("a built chain");
        Path builderDiff = Files.createDirectories(root.resolve("builder/layers").resolve(built.hex()).resolve("diff"));
        Files.writeString(builderDiff.resolve("step-output"), "made by RUN");
        Files.createDirectories(root.resolve("builder/layers/.tmp/dead-writer/diff"));
        Files.delete(root.resolve("layout-version"));

        store = ImageStore.open(root);

        assertEquals("2", Files.readString(root.resolve("layout-version")).strip());
        assertTrue(Files.isDirectory(snapshot.resolve("diff")), "the bottom layer's tree is its diff");
        assertFalse(Files.exists(snapshot.resolve("rootfs")));
        assertFalse(Files.exists(root.resolve("snapshots").resolve(higher.hex())), "a full copy of a higher chain goes");
        assertEquals("made by RUN", Files.readString(store.layers().diffDir(built).resolve("step-output")),
                "the builder's diff became the chain's snapshot");
        assertFalse(Files.exists(root.resolve("builder/layers")), "nothing is left of the builder's copies");
        try (var left = Files.list(store.session().dir())) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("migrated")).count(),
                    "no migration leftovers");
        }
        assertTrue(store.check().isClean(), store.check().problems().toString());
        assertEquals(image.id(), store.image("app").id());
        assertEquals(Digest.of(exportedBefore), Digest.of(export(store.image("app"))), "the same file system");

        store.close();
        store = ImageStore.open(root); // a migrated store opens as it is
        assertTrue(store.layers().has(built));
    }

    @Test
    void aStoreOfANewerLayoutIsRefusedWithALineSayingSoAndLeftAlone() throws Exception {
        Trees.image(store, scratch, "content", "app");
        store.close();
        Files.writeString(root.resolve("layout-version"), "3\n");
        StoreCorruptedException e = assertThrows(StoreCorruptedException.class, () -> ImageStore.open(root));
        assertEquals("the store at " + root.toAbsolutePath().normalize() + " has layout version 3, newer than this"
                + " jbuild knows (2); use the jbuild that wrote it", e.getMessage());
        assertEquals("3\n", Files.readString(root.resolve("layout-version")));
        Files.writeString(root.resolve("layout-version"), "2\n");
        store = ImageStore.open(root);
        assertEquals(1, store.list().size());
    }

    private byte[] export(ImageRecord image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImageExporter(store).export(image, out);
        return out.toByteArray();
    }
}
