package dev.jbuild.transfer;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Hand-made layer tars and whole archives around them, including hostile ones. */
final class CraftedImages {
    private CraftedImages() {
    }

    /** One entry of a hand-made layer tar. */
    record Entry(String name, byte type, String link, byte[] data) {
        static Entry file(String name, String content) {
            return new Entry(name, TarArchiveEntry.LF_NORMAL, null, Archives.utf8(content));
        }

        static Entry directory(String name) {
            return new Entry(name, TarArchiveEntry.LF_DIR, null, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_SYMLINK, target, null);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_LINK, target, null);
        }
    }

    /** A layer tar with the entries exactly as given (absolute names and '..' kept). */
    static byte[] layer(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
                entry.setMode(e.type() == TarArchiveEntry.LF_DIR ? 0755 : 0644);
                if (e.link() != null) {
                    entry.setLinkName(e.link());
                }
                if (e.data() != null) {
                    entry.setSize(e.data().length);
                }
                out.putArchiveEntry(entry);
                if (e.data() != null) {
                    out.write(e.data());
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A Docker 25 style archive (uncompressed layers, OCI manifest, manifest.json) of one image. */
    static Map<String, byte[]> archive(String tag, List<byte[]> layers) {
        return archive(tag, layers, MediaTypes.OCI_LAYER, null);
    }

    /**
     * @param diffIds the config's diff IDs; null for the layers' own digests
     */
    static Map<String, byte[]> archive(String tag, List<byte[]> layers, String layerMediaType, List<Digest> diffIds) {
        ImageConfig config = ImageConfig.empty(TestImages.PLATFORM);
        List<Descriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            byte[] layer = layers.get(i);
            Digest diffId = diffIds == null ? Digest.of(layer) : diffIds.get(i);
            config = config.withLayer(diffId, new HistoryEntry(null, "crafted", "", "", false));
            descriptors.add(new Descriptor(layerMediaType, Digest.of(layer), layer.length));
        }
        byte[] configJson = config.toJson();
        Descriptor configDescriptor = new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(configJson), configJson.length);
        byte[] manifest = Manifest.oci(configDescriptor, descriptors).toJson();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(blob(configDescriptor.digest()), configJson);
        for (int i = 0; i < layers.size(); i++) {
            files.put(blob(descriptors.get(i).digest()), layers.get(i));
        }
        files.put(blob(Digest.of(manifest)), manifest);
        Descriptor entry = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.of(manifest), manifest.length,
                Map.of(ArchiveNames.IMAGE_NAME_ANNOTATION, "docker.io/library/" + tag,
                        Index.REF_NAME, tag.substring(tag.indexOf(':') + 1)), null);
        files.put("index.json", Index.oci(List.of(entry)).toJson());
        StringBuilder paths = new StringBuilder();
        for (Descriptor layer : descriptors) {
            paths.append(paths.length() == 0 ? "" : ",").append('"').append(blob(layer.digest())).append('"');
        }
        files.put("manifest.json", Archives.utf8("[{\"Config\":\"" + blob(configDescriptor.digest())
                + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[" + paths + "]}]\n"));
        files.put("oci-layout", ArchiveNames.OCI_LAYOUT_CONTENT);
        return files;
    }

    static String blob(Digest digest) {
        return "blobs/sha256/" + digest.hex();
    }

    /** The manifest blob's name in a crafted archive. */
    static String manifestName(Map<String, byte[]> files) throws IOException {
        return blob(Index.parse(files.get("index.json")).manifests().get(0).digest());
    }
}
