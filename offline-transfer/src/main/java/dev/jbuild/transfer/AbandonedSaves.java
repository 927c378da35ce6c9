package dev.jbuild.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The hidden temp file a save writes beside its output ({@code .<name>.jbuild-save-<pid>}), and removing the
 * ones killed saves left for the same output. A file is abandoned when no process has its pid any more, or
 * the process with that pid started after the file was last written (the pid was reused).
 */
final class AbandonedSaves {
    private static final String MARK = ".jbuild-save-";

    private AbandonedSaves() {
    }

    static Path tempFor(Path target, long pid) {
        return target.resolveSibling("." + target.getFileName() + MARK + pid);
    }

    /** Removes the abandoned temp files of saves to {@code target}; a live save's is left alone. */
    static void remove(Path target) throws IOException {
        Path dir = target.getParent();
        String prefix = "." + target.getFileName() + MARK;
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir, glob(prefix) + "*")) {
            for (Path candidate : candidates) {
                String suffix = candidate.getFileName().toString().substring(prefix.length());
                if (suffix.chars().allMatch(Character::isDigit) && !suffix.isEmpty()
                        && Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)
                        && isAbandoned(candidate, Long.parseLong(suffix))) {
                    Files.deleteIfExists(candidate);
                }
            }
        }
    }

    private static boolean isAbandoned(Path file, long pid) throws IOException {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty()) {
            return true;
        }
        Optional<Instant> started = owner.get().info().startInstant();
        try {
            return started.isPresent() && started.get().isAfter(Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The prefix as a glob that matches only itself. */
    private static String glob(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
