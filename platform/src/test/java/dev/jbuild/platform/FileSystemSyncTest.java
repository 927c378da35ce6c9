package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemSyncTest {
    @TempDir
    Path dir;

    @Test
    void aDirectorysFileSystemIsSynced() throws IOException {
        Files.writeString(dir.resolve("pending"), "written, not yet on disk");

        assertDoesNotThrow(() -> FileSystemSync.syncFileSystemOf(dir));
    }

    @Test
    void aMissingDirectoryIsOneLineNamingIt() {
        Path missing = dir.resolve("gone");

        IOException failure = assertThrows(IOException.class, () -> FileSystemSync.syncFileSystemOf(missing));

        assertEquals("open " + missing + ": No such file or directory (errno 2)", failure.getMessage());
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        IOException failure = assertThrows(IOException.class, () -> FileSystemSync.syncFileSystemOf(file));

        assertEquals("open " + file + ": Not a directory (errno 20)", failure.getMessage());
    }
}
