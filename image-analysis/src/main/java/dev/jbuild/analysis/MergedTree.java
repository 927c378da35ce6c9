package dev.jbuild.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The file system an image's layers make, applied one after the other as a container runtime does:
 * a layer's whiteouts and opaque markers remove what the layers below had, then its entries land.
 * Remembers which layer each path's visible version came from, and tells a listener what each layer
 * hid from the layers below (what {@code analyze} counts as wasted).
 */
public final class MergedTree {
    /** A path's visible version and the layer it came from. */
    public record Node(FileEntry entry, int layer) {
    }

    /** Told when a layer hides a version an earlier layer wrote. */
    @FunctionalInterface
    public interface HideListener {
        /** @param hidden the version that is no longer visible; {@code byLayer} hid it */
        void hidden(Node hidden, LayerFiles byLayer);
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    public static MergedTree of(List<LayerFiles> layers) {
        return of(layers, (hidden, by) -> { });
    }

    public static MergedTree of(List<LayerFiles> layers, HideListener listener) {
        MergedTree tree = new MergedTree();
        layers.forEach(layer -> tree.apply(layer, listener));
        return tree;
    }

    private void apply(LayerFiles layer, HideListener listener) {
        for (String dir : layer.opaque()) {
            for (Node node : new ArrayList<>(below(dir).values())) {
                nodes.remove(node.entry().path());
                listener.hidden(node, layer);
            }
        }
        for (String path : layer.deleted()) {
            remove(path, layer, listener);
            for (Node node : new ArrayList<>(below(path).values())) {
                nodes.remove(node.entry().path());
                listener.hidden(node, layer);
            }
        }
        for (FileEntry entry : layer.entries()) {
            Node previous = nodes.put(entry.path(), new Node(entry, layer.index()));
            if (previous != null && previous.layer() != layer.index()) {
                listener.hidden(previous, layer);
            }
            if (previous != null && previous.entry().kind() == FileEntry.Kind.DIRECTORY
                    && entry.kind() != FileEntry.Kind.DIRECTORY) {
                for (Node node : new ArrayList<>(below(entry.path()).values())) {
                    nodes.remove(node.entry().path());
                    listener.hidden(node, layer);
                }
            }
        }
    }

    private void remove(String path, LayerFiles layer, HideListener listener) {
        Node node = nodes.remove(path);
        if (node != null) {
            listener.hidden(node, layer);
        }
    }

    /** Everything strictly below {@code dir}. */
    private NavigableMap<String, Node> below(String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        return nodes.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + '0', false);
    }

    public Node get(String path) {
        return nodes.get(path);
    }

    public Map<String, Node> nodes() {
        return java.util.Collections.unmodifiableMap(nodes);
    }

    public Collection<Node> all() {
        return nodes.values();
    }
}
