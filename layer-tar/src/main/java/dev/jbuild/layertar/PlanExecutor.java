package dev.jbuild.layertar;

import dev.jbuild.platform.FileTrees;
import dev.jbuild.platform.EntryAttributes;
import dev.jbuild.platform.PosixOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The second pass: carries out a checked plan on the target. Every key's parent is a real
 * directory by construction, so plain path operations cannot be redirected by a symlink.
 */
final class PlanExecutor {
    private static final int IMPLIED_DIRECTORY_MODE = 0755;

    private final Path target;
    private final ApplyOptions options;
    private final PosixOps posix;
    private final List<String> skippedXattrs = new ArrayList<>();
    /** Directory modes and times are set last: creating children would change the times, and a read-only mode could block them. */
    private final List<DeferredDirectory> directories = new ArrayList<>();
    private int entriesApplied;

    private record DeferredDirectory(Path path, int mode, long mtime) {
    }

    record Report(int entriesApplied, List<String> skippedXattrs) {
    }

    PlanExecutor(Path target, ApplyOptions options, PosixOps posix) {
        this.target = target;
        this.options = options;
        this.posix = posix;
    }

    Report execute(List<PlanStep> steps) throws IOException {
        Files.createDirectories(target);
        for (PlanStep step : steps) {
            // (Java 17: no pattern matching in switch without preview features.)
            if (step instanceof PlanStep.MakeDirectory make) {
                Path path = resolve(make.key());
                Files.createDirectory(path);
                EntryAttributes.chmod(path, IMPLIED_DIRECTORY_MODE);
            } else if (step instanceof PlanStep.Remove remove) {
                FileTrees.delete(resolve(remove.key()));
            } else if (step instanceof PlanStep.MakeWhiteout whiteout) {
                OverlayFormat.makeWhiteout(resolve(whiteout.key()));
            } else if (step instanceof PlanStep.MarkOpaque opaque) {
                OverlayFormat.markOpaque(resolve(opaque.key()));
            } else if (step instanceof PlanStep.ClearDirectory clear) {
                FileTrees.deleteChildren(resolve(clear.key()));
            } else if (step instanceof PlanStep.Create create) {
                create(create);
            } else if (step instanceof PlanStep.Link link) {
                Files.createLink(resolve(link.key()), resolve(link.targetKey()));
                // Like GNU tar, and unlike Docker, the link header's attributes are not applied:
                // the inode already has the attributes of the entry that created it.
                entriesApplied++;
            }
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            DeferredDirectory directory = directories.get(i);
            EntryAttributes.chmod(directory.path(), directory.mode());
            setTimes(directory.path(), directory.mtime());
        }
        return new Report(entriesApplied, skippedXattrs);
    }

    private void create(PlanStep.Create create) throws IOException {
        TarHeader header = create.entry().header();
        Path path = resolve(create.key());
        switch (header.type()) {
            case DIRECTORY -> {
                if (!create.mergeIntoExistingDirectory()) {
                    Files.createDirectory(path);
                }
            }
            case REGULAR -> {
                Path staged = create.entry().staged();
                if (staged != null) {
                    Files.move(staged, path);
                } else {
                    Files.createFile(path);
                }
            }
            case SYMLINK -> posix.makeSymlink(path, header.linkName());
            case FIFO -> posix.makeFifo(path);
            case CHAR_DEVICE, BLOCK_DEVICE -> posix.makeDevice(path, header.type() == TarEntryType.BLOCK_DEVICE,
                    header.devMajor(), header.devMinor());
            case HARDLINK -> throw new IllegalStateException("hardlinks are Link steps");
        }
        applyAttributes(path, header, create.key());
        entriesApplied++;
    }

    /** Owner first (chown clears setuid bits and security.capability), then mode, xattrs, time. */
    private void applyAttributes(Path path, TarHeader header, String key) throws IOException {
        boolean symlink = header.type() == TarEntryType.SYMLINK;
        if (options.ownerOverride() != null) {
            EntryAttributes.chown(path, options.ownerOverride().uid(), options.ownerOverride().gid());
        } else if (options.keepOwnership()) {
            EntryAttributes.chown(path, (int) header.uid(), (int) header.gid());
        }
        if (header.type() != TarEntryType.DIRECTORY && !symlink) {
            EntryAttributes.chmod(path, header.mode());
        }
        for (Map.Entry<String, byte[]> xattr : header.xattrs().entrySet()) {
            String name = xattr.getKey();
            String where = (key.isEmpty() ? "." : key) + ": " + name;
            if (!XattrPolicy.isApplicable(name) || !posix.setXattr(path, name, xattr.getValue())) {
                skippedXattrs.add(where);
            }
        }
        switch (header.type()) {
            case DIRECTORY -> directories.add(new DeferredDirectory(path, header.mode(), header.mtime()));
            case FIFO, CHAR_DEVICE, BLOCK_DEVICE -> posix.setSpecialFileTimes(path, header.mtime());
            default -> setTimes(path, header.mtime());
        }
    }

    /** atime = mtime, as Docker does; layers carry no atime. Not for FIFOs and devices (setSpecialFileTimes). */
    private static void setTimes(Path path, long mtimeSeconds) throws IOException {
        EntryAttributes.setTimes(path, FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
    }

    private Path resolve(String key) {
        return key.isEmpty() ? target : target.resolve(key);
    }
}
