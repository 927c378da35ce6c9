package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merged view of directories in overlay format, read without mounting them (real whiteouts and xattrs). */
class OverlayStackTest {
    @TempDir
    Path dir;

    @Test
    void theTopmostEntryWinsAndWhiteoutsAndOpaqueDirectoriesHideWhatIsBelow() throws Exception {
        Path bottom = Files.createDirectories(dir.resolve("bottom"));
        Path top = Files.createDirectories(dir.resolve("top"));
        Files.writeString(bottom.resolve("kept"), "bottom");
        Files.writeString(bottom.resolve("replaced"), "bottom");
        Files.writeString(bottom.resolve("deleted"), "bottom");
        Files.createDirectories(bottom.resolve("opaque"));
        Files.writeString(bottom.resolve("opaque/hidden"), "bottom");
        Files.createDirectories(bottom.resolve("merged"));
        Files.writeString(bottom.resolve("merged/below"), "bottom");

        Files.writeString(top.resolve("replaced"), "top");
        OverlayFormat.makeWhiteout(top.resolve("deleted"));
        Files.createDirectories(top.resolve("opaque"));
        OverlayFormat.markOpaque(top.resolve("opaque"));
        Files.writeString(top.resolve("opaque/new"), "top");
        Files.createDirectories(top.resolve("merged"));
        Files.writeString(top.resolve("merged/above"), "top");

        OverlayStack stack = OverlayStack.of(List.of(bottom, top));
        assertFalse(stack.isEmpty());
        assertEquals("bottom", Files.readString(stack.entry("kept")));
        assertEquals("top", Files.readString(stack.entry("replaced")));
        assertNull(stack.entry("deleted"));
        assertTrue(OverlayFormat.isWhiteout(top.resolve("deleted")));
        assertNull(stack.entry("opaque/hidden"));
        assertEquals("top", Files.readString(stack.entry("opaque/new")));
        assertEquals(List.of("above", "below"), List.copyOf(stack.root().subdirectory("merged").children().keySet()));
        assertEquals(List.of("kept", "merged", "opaque", "replaced"), List.copyOf(stack.root().children().keySet()));
        assertTrue(OverlayStack.of(List.of()).isEmpty());
    }
}
