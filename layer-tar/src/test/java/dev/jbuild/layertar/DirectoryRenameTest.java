package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRenameTest {
    @TempDir
    Path dir;

    private Path tree(String name, String content) throws IOException {
        Path tree = Files.createDirectories(dir.resolve(name));
        Files.writeString(tree.resolve("file"), content);
        return tree;
    }

    @Test
    void anAbsentTargetReceivesTheDirectory() throws IOException {
        Path source = tree("source", "mine");
        assertTrue(DirectoryRename.renameIfAbsent(source, dir.resolve("target")));
        assertEquals("mine", Files.readString(dir.resolve("target/file")));
        assertFalse(Files.exists(source));
    }

    /** What another process publishing first leaves: rename(2) fails with ENOTEMPTY, a plain FileSystemException. */
    @Test
    void aTargetAnotherWriterPublishedFirstKeepsItsContentAndTheSourceStays() throws IOException {
        Path first = tree("target", "first");
        Path second = tree("second", "second");
        assertFalse(DirectoryRename.renameIfAbsent(second, first));
        assertEquals("first", Files.readString(first.resolve("file")));
        assertEquals("second", Files.readString(second.resolve("file")));
    }

    @Test
    void aMissingSourceIsStillAnError() {
        assertThrows(NoSuchFileException.class,
                () -> DirectoryRename.renameIfAbsent(dir.resolve("none"), dir.resolve("target")));
    }
}
