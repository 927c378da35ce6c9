package dev.jbuild.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code jbuild diff}: two images compared by the file systems their layers make (content by SHA-256,
 * mode, owner, link target, xattrs, type), by config, and layer by layer.
 */
public final class ImageDiff {
    private ImageDiff() {
    }

    public static DiffReport compare(ImageInput a, ImageInput b) throws IOException {
        List<LayerFiles> layersA = LayerScanner.scan(a.layers(), true);
        List<LayerFiles> layersB = LayerScanner.scan(b.layers(), true);
        Map<String, MergedTree.Node> treeA = MergedTree.of(layersA).nodes();
        Map<String, MergedTree.Node> treeB = MergedTree.of(layersB).nodes();
        TreeSet<String> paths = new TreeSet<>(treeA.keySet());
        paths.addAll(treeB.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            MergedTree.Node left = treeA.get(path);
            MergedTree.Node right = treeB.get(path);
            if (left == null) {
                changes.add(new FileChange(path, FileChange.Kind.ADDED, null, right.entry(), List.of()));
            } else if (right == null) {
                changes.add(new FileChange(path, FileChange.Kind.REMOVED, left.entry(), null, List.of()));
            } else {
                List<String> aspects = aspects(left.entry(), right.entry());
                if (!aspects.isEmpty()) {
                    changes.add(new FileChange(path, FileChange.Kind.CHANGED, left.entry(), right.entry(), aspects));
                }
            }
        }
        int shared = 0;
        List<?> idsA = a.image().diffIds();
        List<?> idsB = b.image().diffIds();
        while (shared < idsA.size() && shared < idsB.size() && idsA.get(shared).equals(idsB.get(shared))) {
            shared++;
        }
        return new DiffReport(a.name(), a.image().id(), b.name(), b.image().id(), changes,
                ConfigDiff.compare(a.image().config(), b.image().config()), shared,
                layersA.stream().map(LayerSummary::of).toList(), layersB.stream().map(LayerSummary::of).toList());
    }

    /** What differs between two versions of one path; directory sizes and times never count. */
    static List<String> aspects(FileEntry a, FileEntry b) {
        List<String> out = new ArrayList<>();
        if (a.kind() != b.kind()) {
            out.add("type");
        } else if (a.isRegular() && (a.size() != b.size() || !Objects.equals(a.contentDigest(), b.contentDigest()))) {
            out.add("content");
        }
        if ((a.mode() & 07777) != (b.mode() & 07777)) {
            out.add("mode");
        }
        if (a.uid() != b.uid() || a.gid() != b.gid()) {
            out.add("owner");
        }
        if (!a.linkTarget().equals(b.linkTarget()) && a.kind() == b.kind()) {
            out.add("link target");
        }
        if (!a.xattrs().equals(b.xattrs())) {
            out.add("xattrs");
        }
        return out;
    }
}
