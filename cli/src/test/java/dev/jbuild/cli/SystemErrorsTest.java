package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SystemErrorsTest {
    private static final Path STORE = Path.of("/var/lib/jbuild");

    @Test
    void aFullDiskUnderTheStoreSaysHowToMakeRoom() {
        IOException write = new IOException("No space left on device");
        assertEquals("no space left on device: free some space; 'jbuild rmi' and 'jbuild prune' free what the store "
                + "(/var/lib/jbuild) holds", SystemErrors.describe(new RuntimeException("step failed", write), STORE));
        FileSystemException copy = new FileSystemException("/ctx/big", "/var/lib/jbuild/executor/overlay/1/merged/big",
                "No space left on device");
        assertEquals("no space left on device: free some space; 'jbuild rmi' and 'jbuild prune' free what the store "
                + "(/var/lib/jbuild) holds", SystemErrors.describe(copy, STORE));
    }

    @Test
    void aFileOutsideTheStoreIsNamed() {
        FileSystemException save = new FileSystemException("/mnt/usb/image.tar", null, "No space left on device");
        assertEquals("no space left on device: cannot write /mnt/usb/image.tar", SystemErrors.describe(save, STORE));
        FileSystemException readOnly = new FileSystemException("/media/ro/out", null, "Read-only file system");
        assertEquals("read-only file system: cannot write /media/ro/out",
                SystemErrors.describe(new UncheckedIOException(readOnly), STORE));
    }

    @Test
    void otherStoreFailuresKeepTheirWords() {
        assertEquals("disk quota exceeded: free some space; 'jbuild rmi' and 'jbuild prune' free what the store "
                + "(/var/lib/jbuild) holds", SystemErrors.describe(new IOException("Disk quota exceeded"), STORE));
        assertEquals("too many open files (the store (/var/lib/jbuild) or an output)",
                SystemErrors.describe(new IOException("Too many open files"), STORE));
        assertEquals("read-only file system: cannot write to the store (/var/lib/jbuild)", SystemErrors.describe(
                new FileSystemException("/var/lib/jbuild/tmp/x", null, "Read-only file system"), STORE));
    }

    @Test
    void anythingElseIsNotAMachineFailure() {
        assertNull(SystemErrors.describe(new IOException("Broken pipe"), STORE));
        assertNull(SystemErrors.describe(new IllegalStateException("bug"), STORE));
        assertNull(SystemErrors.describe(new IOException((String) null), STORE));
        assertNull(SystemErrors.describe(new IOException("the text 'No space left on device' quoted"), STORE));
    }
}
