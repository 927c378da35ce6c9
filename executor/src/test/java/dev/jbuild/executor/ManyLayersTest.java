package dev.jbuild.executor;

import dev.jbuild.layertar.OverlayFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.layertar.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deep images: the lower directory list outgrows the one page of mount options (120 layers under
 * a long path), and even the per-descriptor names (250 layers, flattened at the bottom).
 */
class ManyLayersTest {
    @TempDir
    Path temp;

    @AfterEach
    void noMountsLeft() throws IOException {
        assertEquals(List.of(), MountTable.under(temp));
    }

    @ParameterizedTest(name = "{0} layers")
    @ValueSource(ints = {120, 250})
    void overlayMountsEveryLayerWithWhiteoutsApplied(int count) throws Exception {
        Path layersRoot = temp.resolve("a-directory-name-long-enough-that-plain-lowerdir-paths-overflow-a-page");
        List<Path> lowers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path layer = Files.createDirectories(layersRoot.resolve(String.format("%03d", i)).resolve("layers"));
            TestTrees.write(layer.resolve("file-" + i), "layer " + i + "\n");
            expected.add("file-" + i);
            if (i % 10 == 9) {
                // every tenth layer deletes the file of the layer below it
                OverlayFormat.makeWhiteout(layer.resolve("file-" + (i - 1)));
                expected.remove("file-" + (i - 1));
            }
            lowers.add(layer.getParent());
        }
        String plainOptions = "lowerdir=" + String.join(":", lowers.stream().map(Path::toString).toList());
        assertTrue(plainOptions.length() > OverlayMount.MAX_OPTIONS, "the plain list must not fit: " + plainOptions.length());
        expected.sort(null);

        try (Workspace workspace = new OverlayDriver(temp.resolve("overlay")).prepare(lowers)) {
            assertTrue(MountTable.isMountPoint(workspace.rootfs()));
            assertEquals(expected, DriverDiffTest.listNames(workspace.rootfs().resolve("layers")));
            assertEquals("layer 0\n", Files.readString(workspace.rootfs().resolve("layers/file-0")));
            assertEquals(List.of(), workspace.changes());

            Files.delete(workspace.rootfs().resolve("layers/file-0"));
            TestTrees.write(workspace.rootfs().resolve("layers/file-8"), "back\n");

            assertEquals(List.of(Change.modified("layers"), Change.deleted("layers/file-0"),
                    Change.added("layers/file-8")), workspace.changes());
        }
    }
}
