package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer applied in overlay format into an empty directory is its own diff: merged over the layer below
 * (read as overlayfs reads it), it shows what applying the layer onto that layer shows.
 */
class OverlayFormatApplyTest {
    @TempDir
    Path temp;

    @Test
    void theDiffMergedOverTheLowerLayerShowsWhatApplyingOntoItShows() throws Exception {
        Path lower = lowerTree(temp.resolve("lower"));
        byte[] layer = new HandTar().file("etc/.wh.config", "").file("etc/hosts", "new hosts\n")
                .file("var/cache/.wh..wh..opq", "").file("var/cache/fresh", "fresh\n")
                .file("deep/dir/.wh.gone", "").file("etc/added", "added\n").file("etc/added2", "x")
                .file("etc/.wh.added2", "").bytes();

        Path diff = temp.resolve("diff");
        ApplyResult result = LayerApplier.of(ApplyOptions.defaults().inOverlayFormat())
                .apply(new ByteArrayInputStream(layer), diff);
        assertEquals(2, result.pathsWhitedOut(), "the whiteouts of lower paths; not the one of the layer's own file");
        assertEquals(1, result.directoriesCleared());
        assertTrue(OverlayFormat.isWhiteout(diff.resolve("etc/config")));
        assertTrue(OverlayFormat.isWhiteout(diff.resolve("deep/dir/gone")), "parents of a whiteout are made");
        assertTrue(OverlayFormat.isOpaque(diff.resolve("var/cache")));
        assertFalse(Files.exists(diff.resolve("opt"), LinkOption.NOFOLLOW_LINKS), "the diff holds only the layer");

        Path applied = lowerTree(temp.resolve("applied"));
        LayerApplier.of(ApplyOptions.defaults()).apply(new ByteArrayInputStream(layer), applied);

        assertEquals(contents(applied), merged(OverlayStack.of(List.of(lower, diff)).root(), ""));
    }

    private static Path lowerTree(Path root) throws Exception {
        for (String[] file : new String[][] {{"etc/config", "old\n"}, {"etc/hosts", "hosts\n"},
                {"var/cache/a", "cached\n"}, {"var/cache/sub/b", "cached\n"}, {"opt/keep", "keep\n"},
                {"deep/dir/gone", "gone\n"}}) {
            TestTrees.write(root, file[0], file[1]);
        }
        return root;
    }

    /** path -> file contents ("/" for a directory), as the directory holds them. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
                out.put(root.relativize(path).toString(), Files.isDirectory(path) ? "/" : Files.readString(path));
            }
        }
        return out;
    }

    private static Map<String, String> merged(OverlayStack.Dir dir, String prefix) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Path> child : dir.children().entrySet()) {
            String key = prefix + child.getKey();
            if (Files.isDirectory(child.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                out.put(key, "/");
                out.putAll(merged(dir.subdirectory(child.getKey()), key + "/"));
            } else {
                out.put(key, Files.readString(child.getValue()));
            }
        }
        return out;
    }
}
