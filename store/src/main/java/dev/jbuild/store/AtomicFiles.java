package dev.jbuild.store;

import dev.jbuild.layertar.DirectoryRename;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way the store makes anything visible: write a temp file under {@code tmp/} (same file
 * system as its destination), fsync it, rename it into place, fsync the directory. A reader sees the
 * old file or the new one, never a part, and after a crash the new one is either fully there or
 * absent.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} through {@code temp}. */
    static void write(Path temp, Path target, byte[] bytes) throws IOException {
        writeSynced(temp, bytes);
        publish(temp, target);
    }

    /** One file of {@link #writeAll}. */
    record Write(Path temp, Path target, byte[] bytes) {}

    /**
     * {@link #write} for several files: each written and synced, then all moved into place, then each
     * of their directories synced once. A crash in between leaves some of them in place, each whole.
     */
    static void writeAll(List<Write> writes) throws IOException {
        for (Write write : writes) {
            writeSynced(write.temp(), write.bytes());
        }
        Set<Path> directories = new LinkedHashSet<>();
        for (Write write : writes) {
            move(write.temp(), write.target());
            directories.add(write.target().getParent());
        }
        for (Path directory : directories) {
            syncDirectory(directory);
        }
    }

    private static void writeSynced(Path temp, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Moves a finished, already synced temp file over {@code target} and syncs the directory. */
    static void publish(Path temp, Path target) throws IOException {
        move(temp, target);
        syncDirectory(target.getParent());
    }

    /**
     * Moves a finished, already synced temp file over {@code target}; durable once the caller has
     * synced the target's directory (callers that move several files into one directory sync it once).
     */
    static void move(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's tmp directory and " + target.getParent()
                    + " are on different file systems; atomic rename is impossible", e);
        }
    }

    /**
     * Renames a finished directory into place unless something is already there.
     *
     * @return false when {@code target} already existed (another writer made the same thing first)
     */
    static boolean publishDirectoryIfAbsent(Path tempDir, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (!DirectoryRename.renameIfAbsent(tempDir, target)) {
            return false;
        }
        syncDirectory(target.getParent());
        return true;
    }

    /** Makes a rename or unlink in {@code dir} durable (Linux allows fsync on a directory opened read-only). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
