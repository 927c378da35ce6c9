package dev.jbuild.builder.files;

import dev.jbuild.platform.PosixOps;
import dev.jbuild.layertar.SparseFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes planned items into the target (fsutil's {@code cp -a} semantics as BuildKit runs them): directories
 * copy their contents, symlinks inside are copied as symlinks, hard links between copied files stay hard
 * links, extended attributes follow, and each entry gets owner, mode and time from the {@link MetadataPolicy}.
 * A directory that already exists keeps its metadata when it is the destination itself and takes the source
 * directory's metadata when it is below it.
 */
final class TreeCopier {
    private final SourceView view;
    private final TargetTree target;
    private final MetadataPolicy policy;
    private final PosixOps posix;

    TreeCopier(SourceView view, TargetTree target, MetadataPolicy policy, PosixOps posix) {
        this.view = view;
        this.target = target;
        this.policy = policy;
        this.posix = posix;
    }

    /** Copies one file or directory item; returns the entries written. */
    int copy(PlannedItem.Local item, List<ItemWalker.Entry> entries, String destination) throws IOException {
        Path base = target.place(destination, item.name(), item.directory());
        Map<Long, Map<Long, Path>> hardLinks = new HashMap<>();
        List<ItemWalker.Entry> directories = new ArrayList<>();
        List<String> copiedSources = new ArrayList<>();
        List<Path> copiedTargets = new ArrayList<>();
        int written = 0;
        try (ParallelFileWrites files = ParallelFileWrites.forEntries(entries.size())) {
            for (ItemWalker.Entry entry : entries) {
                if (item.directory() && entry.relative().isEmpty()) {
                    continue; // the destination directory itself keeps its own metadata
                }
                Path to = entry.relative().isEmpty() ? base : base.resolve(entry.relative());
                if (writeEntry(entry, to, hardLinks, directories, files)) {
                    copiedSources.add(entry.sourceRelative());
                    copiedTargets.add(to);
                    written++;
                }
            }
            files.awaitAll(); // writing a file changes its directory's time, which is set below
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            ItemWalker.Entry directory = directories.get(i);
            applyMetadata(base.resolve(directory.relative()), directory.stat());
        }
        copyXattrs(copiedSources, copiedTargets);
        return written;
    }

    /** A heredoc or a download: a regular file with the given mode and time, owned per --chown or 0:0. */
    int copyFile(String name, InputStream content, int mode, FileTime time, String destination) throws IOException {
        Path to = target.place(destination, name, false);
        ensureReplaceable(to);
        Files.copy(content, to, StandardCopyOption.REPLACE_EXISTING);
        Metadata.chown(to, policy.createdUid(), policy.createdGid());
        Metadata.chmod(to, policy.mode(mode, false));
        Metadata.setTimes(to, policy.time(time));
        return 1;
    }

    private boolean writeEntry(ItemWalker.Entry entry, Path to, Map<Long, Map<Long, Path>> hardLinks,
                               List<ItemWalker.Entry> directories, ParallelFileWrites files) throws IOException {
        FileStat stat = entry.stat();
        Path from = view.path(entry.sourceRelative());
        if (stat.isDirectory()) {
            FileStat existing = FileStat.lstat(to);
            if (existing == null) {
                Files.createDirectory(to);
            } else if (!existing.isDirectory()) {
                throw new CopyException("cannot copy to non-directory: " + target.display(to));
            }
            directories.add(entry);
            return true;
        }
        ensureReplaceable(to);
        if (stat.isRegular()) {
            Path first = stat.nlink() > 1 ? hardLinks.computeIfAbsent(stat.dev(), d -> new HashMap<>())
                    .putIfAbsent(stat.ino(), to) : null;
            if (first != null) {
                Files.createLink(to, first);
                return true;
            }
            if (stat.nlink() == 1) {
                files.submit(() -> {
                    SparseFiles.copy(from, to); // a sparse file keeps its holes (Files.copy writes them out)
                    applyMetadata(to, stat);
                });
                return true;
            }
            SparseFiles.copy(from, to); // in line: later links to it need it to exist
        } else if (stat.isSymlink()) {
            posix.makeSymlink(to, Files.readSymbolicLink(from).toString());
        } else if (stat.isFifo()) {
            posix.makeFifo(to);
        } else if (stat.isDevice()) {
            posix.makeDevice(to, stat.isBlockDevice(), stat.deviceMajor(), stat.deviceMinor());
        } else {
            return false; // sockets are not copied
        }
        applyMetadata(to, stat);
        return true;
    }

    /** Times last: chown and chmod change ctime only, and utimensat never opens a FIFO or device. */
    private void applyMetadata(Path to, FileStat stat) throws IOException {
        Metadata.chown(to, policy.uid(stat), policy.gid(stat));
        if (!stat.isSymlink()) {
            int mode = policy.mode(stat.permissions(), stat.isDirectory());
            Metadata.chmod(to, mode);
            if (stat.isDirectory()) {
                target.directoryMode(to, mode);
            }
        }
        Metadata.setTimes(to, policy.time(stat.mtime()));
    }

    /** fsutil's ensureEmptyFileTarget: a file replaces a file or link, never a directory. */
    private void ensureReplaceable(Path to) throws IOException {
        FileStat existing = FileStat.lstat(to);
        if (existing == null) {
            return;
        }
        if (existing.isDirectory()) {
            throw new CopyException("cannot replace to directory " + target.display(to) + " with file");
        }
        Files.delete(to);
    }

    private void copyXattrs(List<String> sources, List<Path> targets) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Map<String, Map<String, byte[]>> xattrs = posix.readXattrs(view.root(), sources);
        if (xattrs.isEmpty()) {
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            Map<String, byte[]> attributes = xattrs.get(sources.get(i));
            if (attributes == null) {
                continue;
            }
            for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
                // Like BuildKit, an attribute the target refuses is skipped, not fatal.
                posix.setXattr(targets.get(i), attribute.getKey(), attribute.getValue());
            }
        }
    }
}
