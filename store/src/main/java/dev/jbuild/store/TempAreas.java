package dev.jbuild.store;

import dev.jbuild.platform.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The temp areas ({@code tmp/<session>/}) of processes that died (a killed load leaves the archive it was
 * reading there, hundreds of megabytes), and the temp files outside the store that a session registered
 * (a save's {@code .<name>.jbuild-save-<pid>} beside its output): found for {@code system check}, removed by
 * prune, load and {@code system check --repair}. A live session is never touched: its owner holds a lock.
 */
final class TempAreas {
    /** Lists, one path a line, the files outside the store a session writes before renaming them into place. */
    static final String EXTERNAL = "external-temps";
    /** Registered files are removed only when their name says a jbuild temp file: a corrupt list deletes nothing else. */
    private static final String TEMP_MARK = ".jbuild-";

    private TempAreas() {
    }

    /** A dead process's temp area, with the bytes of its files and of the outside files it registered. */
    record Dead(Path area, List<Path> external, long bytes) {
    }

    static List<Dead> dead(StoreLayout layout, StoreSession own) throws IOException {
        List<Dead> dead = new ArrayList<>();
        if (!Files.isDirectory(layout.tmpDir())) {
            return dead;
        }
        try (Stream<Path> entries = Files.list(layout.tmpDir())) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (entry.toAbsolutePath().normalize().equals(own.dir())) {
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && StoreSession.liveSince(entry) != null) {
                    continue;
                }
                List<Path> external = external(entry);
                long bytes = FileTrees.size(entry);
                for (Path file : external) {
                    bytes += sizeOrZero(file);
                }
                dead.add(new Dead(entry, external, bytes));
            }
        }
        return dead;
    }

    /** Removes a dead area and what it registered; returns the bytes freed. */
    static long remove(Dead dead) throws IOException {
        long freed = 0;
        for (Path file : dead.external()) {
            try {
                long size = Files.size(file);
                if (Files.deleteIfExists(file)) {
                    freed += size;
                }
            } catch (NoSuchFileException e) {
                // gone meanwhile: another process cleaning the same area
            }
        }
        return freed + FileTrees.delete(dead.area());
    }

    /** Records that this session writes {@code file} outside the store, so that its removal follows a kill. */
    static void register(StoreSession session, Path file) throws IOException {
        Files.writeString(session.dir().resolve(EXTERNAL), file.toAbsolutePath() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * The registered files that still exist and are named as jbuild names its temp files, each once (a process
     * that saves to the same file again registers it again).
     */
    private static List<Path> external(Path area) throws IOException {
        Path list = area.resolve(EXTERNAL);
        Set<Path> files = new LinkedHashSet<>();
        if (!Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Path file = Path.of(line.strip());
            if (file.isAbsolute() && file.getFileName().toString().startsWith(".")
                    && file.getFileName().toString().contains(TEMP_MARK)
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                files.add(file);
            }
        }
        return new ArrayList<>(files);
    }
}
