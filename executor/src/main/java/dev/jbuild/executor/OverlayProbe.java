package dev.jbuild.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether overlayfs really works for workspaces under a directory: mounts a tiny overlay there,
 * writes through it, deletes a lower file and checks that the upper directory records the
 * deletion as a whiteout device. Presence in /proc/filesystems is not enough: the upper file
 * system may lack trusted xattrs or d_type, or the process may not be allowed to mount.
 */
public final class OverlayProbe {

    /** The probe's verdict; {@code reason} says why overlay is or is not usable, in one line. */
    public record Result(boolean usable, String reason) {
    }

    private OverlayProbe() {
    }

    /**
     * The verdict for the executor's workspaces: remembered from an earlier process of this boot when
     * that one found overlay working on the same file system, else probed (see {@link ProbeVerdicts}).
     */
    public static Result probeOrRecall(ExecutorLayout layout) {
        ProbeVerdicts verdicts = new ProbeVerdicts(layout.verdicts());
        String subject;
        try {
            Files.createDirectories(layout.root());
            subject = "overlay\n" + Files.getAttribute(layout.root(), "unix:dev") + "\n"
                    + fileSystemType(layout.root()) + "\n" + OverlayMount.supportedFeatureOptions();
        } catch (IOException | UnsupportedOperationException e) {
            return probe(layout.probes());
        }
        Optional<List<String>> known = verdicts.recall("overlay", subject);
        if (known.isPresent()) {
            return new Result(true, known.get().get(0) + "; kept from an earlier probe since boot");
        }
        Result result = probe(layout.probes());
        if (result.usable()) {
            verdicts.remember("overlay", subject, List.of(result.reason()));
        }
        return result;
    }

    /** Probes with scratch directories under {@code scratchParent} (on the file system the workspaces will use). */
    public static Result probe(Path scratchParent) {
        Path dir = null;
        try {
            if (!Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n")) {
                return new Result(false, "the kernel has no overlay file system (not in /proc/filesystems)");
            }
            dir = Trees.createLeased(scratchParent, "overlay-");
            Path lower = Files.createDirectory(dir.resolve("lower"));
            Path upper = Files.createDirectory(dir.resolve("upper"));
            Path work = Files.createDirectory(dir.resolve("work"));
            Path merged = Files.createDirectory(dir.resolve("merged"));
            Files.writeString(lower.resolve("old"), "old", StandardCharsets.US_ASCII);
            try {
                OverlayMount.mount(List.of(lower), upper, work, merged, OverlayMount.supportedFeatureOptions());
            } catch (IOException | StorageException e) {
                return new Result(false, "overlay mount failed: " + e.getMessage());
            }
            try {
                Files.writeString(merged.resolve("new"), "new", StandardCharsets.US_ASCII);
                Files.delete(merged.resolve("old"));
            } finally {
                Mounts.unmount(merged);
            }
            Path whiteout = upper.resolve("old");
            if (!Files.exists(upper.resolve("new"))
                    || !Files.exists(whiteout, LinkOption.NOFOLLOW_LINKS)
                    || !EntryInfo.readType(whiteout).isOverlayWhiteout()) {
                return new Result(false, "overlay on " + fileSystemType(scratchParent)
                        + " does not record deletions as whiteout devices");
            }
            return new Result(true, "overlay mount probe succeeded on " + fileSystemType(scratchParent)
                    + " (" + OverlayMount.supportedFeatureOptions() + ")");
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            return new Result(false, "overlay probe failed: " + e.getMessage());
        } finally {
            if (dir != null) {
                try {
                    Trees.removeLeased(dir);
                } catch (IOException ignored) {
                    // The Janitor removes what a failed probe leaves.
                }
            }
        }
    }

    private static String fileSystemType(Path path) {
        try {
            return Files.getFileStore(path).type();
        } catch (IOException e) {
            return "this file system";
        }
    }
}
