package dev.jbuild.analysis;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.layertar.TarHeader;
import dev.jbuild.platform.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns an image's layer tars into {@link LayerFiles}: entries, whiteouts and opaque markers. */
public final class LayerScanner {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private LayerScanner() {
    }

    /**
     * @param hashContent whether regular files get their SHA-256 (diff needs it; analyze does not)
     */
    public static List<LayerFiles> scan(ImageLayers layers, boolean hashContent) throws IOException {
        return scan(layers, hashContent, null);
    }

    /**
     * @param tap also shown every entry first (and may read a file's data when {@code hashContent} is off),
     *     so that one pass serves another reader too; null for none
     */
    public static List<LayerFiles> scan(ImageLayers layers, boolean hashContent, LayerVisitor tap) throws IOException {
        List<String> createdBy = layers.createdBy();
        List<Descriptor> blobs = layers.image().manifest().layers();
        List<Digest> diffIds = layers.image().diffIds();
        List<LayerFiles> out = new ArrayList<>();
        for (int i = 0; i < layers.count(); i++) {
            List<FileEntry> entries = new ArrayList<>();
            Set<String> deleted = new HashSet<>();
            Set<String> opaque = new HashSet<>();
            layers.visitLayer(i, (layer, path, header, data) -> {
                if (tap != null) {
                    tap.entry(layer, path, header, data);
                }
                String base = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.substring(0, path.lastIndexOf('/'));
                if (base.equals(OPAQUE)) {
                    opaque.add(parent.isEmpty() ? "/" : parent);
                } else if (base.startsWith(WHITEOUT)) {
                    deleted.add(parent + "/" + base.substring(WHITEOUT.length()));
                } else {
                    entries.add(entry(path, header, hashContent ? data : null));
                }
            });
            out.add(new LayerFiles(i, diffIds.get(i), blobs.get(i).size(), createdBy.get(i), entries, deleted, opaque));
        }
        return out;
    }

    static FileEntry entry(String path, TarHeader header, InputStream data) throws IOException {
        FileEntry.Kind kind = switch (header.type()) {
            case REGULAR -> FileEntry.Kind.FILE;
            case DIRECTORY -> FileEntry.Kind.DIRECTORY;
            case SYMLINK -> FileEntry.Kind.SYMLINK;
            case HARDLINK -> FileEntry.Kind.HARDLINK;
            case CHAR_DEVICE -> FileEntry.Kind.CHAR_DEVICE;
            case BLOCK_DEVICE -> FileEntry.Kind.BLOCK_DEVICE;
            case FIFO -> FileEntry.Kind.FIFO;
        };
        String link = kind == FileEntry.Kind.HARDLINK ? ImageLayers.clean(header.linkName()) : header.linkName();
        Map<String, String> xattrs = new TreeMap<>();
        header.xattrs().forEach((name, value) -> xattrs.put(name,
                HexFormat.of().formatHex(Sha256.newDigest().digest(value))));
        String digest = null;
        if (data != null && kind == FileEntry.Kind.FILE) {
            MessageDigest sha = Sha256.newDigest();
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = data.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
            digest = Digest.finish(sha).value();
        }
        return new FileEntry(path, kind, header.mode(), header.uid(), header.gid(), header.size(), link,
                new TreeMap<>(xattrs), digest);
    }
}
