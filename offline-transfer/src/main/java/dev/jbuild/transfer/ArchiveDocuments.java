package dev.jbuild.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Index;
import dev.jbuild.imagespec.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The top-level documents of a saved archive, in the shapes Docker 25 writes them: {@code index.json}
 * with one descriptor per tag (annotated with the tag as OCI ref name and the full name for
 * containerd), {@code manifest.json} with Config/RepoTags/Layers pointing into {@code blobs/sha256/},
 * and {@code repositories}. Go's encoder ends the latter two with a newline; so do these.
 */
final class ArchiveDocuments {
    private ArchiveDocuments() {
    }

    /** The index entries of one image: one per tag, or one without annotations for an untagged image. */
    static List<Descriptor> indexEntries(SavedImage image) {
        List<Descriptor> out = new ArrayList<>();
        Descriptor base = image.manifest().withPlatform(image.platform());
        if (image.tags().isEmpty()) {
            out.add(base.withAnnotations(Map.of()));
        }
        for (Reference tag : image.tags()) {
            out.add(base.withAnnotations(Map.of(ArchiveNames.IMAGE_NAME_ANNOTATION, tag.toString(),
                    Index.REF_NAME, tag.tag())));
        }
        return out;
    }

    static byte[] index(List<Descriptor> entries) {
        return Index.oci(entries).toJson();
    }

    static byte[] dockerManifest(List<SavedImage> images) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (SavedImage image : images) {
            ObjectNode item = CanonicalJson.object();
            item.put("Config", ArchiveNames.blobPath(image.config().digest()));
            if (image.tags().isEmpty()) {
                item.set("RepoTags", NullNode.getInstance()); // Go's nil slice
            } else {
                ArrayNode tags = item.putArray("RepoTags");
                image.tags().forEach(tag -> tags.add(tag.familiarString()));
            }
            ArrayNode layers = item.putArray("Layers");
            image.layers().forEach(layer -> layers.add(ArchiveNames.blobPath(layer.digest())));
            items.add(item);
        }
        return (CanonicalJson.write(items) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code {"repo":{"tag":"<top layer diff ID hex>"}}}, as Docker 25 fills it; null when no image is
     * tagged (Docker then writes no file).
     */
    static byte[] repositories(List<SavedImage> images, Map<SavedImage, String> topDiffIdHex) {
        TreeMap<String, TreeMap<String, String>> repos = new TreeMap<>(CanonicalJson.KEY_ORDER);
        for (SavedImage image : images) {
            if (topDiffIdHex.get(image) == null) {
                continue; // no layers: nothing a legacy loader could point at
            }
            for (Reference tag : image.tags()) {
                repos.computeIfAbsent(tag.familiarName(), k -> new TreeMap<>(CanonicalJson.KEY_ORDER))
                        .put(tag.tag(), topDiffIdHex.get(image));
            }
        }
        if (repos.isEmpty()) {
            return null;
        }
        ObjectNode root = CanonicalJson.object();
        repos.forEach((repo, tags) -> {
            ObjectNode byTag = root.putObject(repo);
            tags.forEach(byTag::put);
        });
        return (CanonicalJson.write(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
