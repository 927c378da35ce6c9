package dev.jbuild.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.CanonicalJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of a {@code docker save} archive: for each image, the path of its config,
 * its tags and the paths of its layer tars, bottom first. Paths are archive paths, normalized; one
 * that leads outside the archive is refused.
 */
record DockerArchiveManifest(List<Item> items) {
    /** One image of the archive. */
    record Item(String config, List<String> repoTags, List<String> layers) {
        Item {
            repoTags = List.copyOf(repoTags);
            layers = List.copyOf(layers);
        }
    }

    DockerArchiveManifest {
        items = List.copyOf(items);
    }

    static DockerArchiveManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (IOException e) {
            throw new InvalidArchiveException("manifest.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidArchiveException("manifest.json is not a list of images");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode item : root) {
            if (!item.isObject()) {
                throw new InvalidArchiveException("manifest.json holds an entry that is not an object");
            }
            JsonNode config = item.get("Config");
            if (config == null || !config.isTextual()) {
                throw new InvalidArchiveException("manifest.json has an image without a Config path");
            }
            items.add(new Item(path(config.textValue()), strings(item.get("RepoTags"), "RepoTags", false),
                    strings(item.get("Layers"), "Layers", true)));
        }
        return new DockerArchiveManifest(items);
    }

    private static List<String> strings(JsonNode array, String field, boolean paths) {
        List<String> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new InvalidArchiveException("manifest.json: " + field + " is not a list");
        }
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new InvalidArchiveException("manifest.json: " + field + " holds a value that is not a string");
            }
            out.add(paths ? path(value.textValue()) : value.textValue());
        }
        return out;
    }

    private static String path(String text) {
        return ArchivePath.normalize(text, "manifest.json refers to");
    }
}
