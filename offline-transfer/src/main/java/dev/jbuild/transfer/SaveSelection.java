package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which images {@code save NAME...} writes, under which tags, following Docker's rules: an ID or a
 * digest reference saves the image untagged; {@code repo:tag} saves it under that tag; a bare
 * repository name saves every tag of that repository. An image named twice is saved once, with
 * every tag it was named by, in the order of first mention. With a platform, each name stands for its
 * image of that platform ({@link ImageStore#image(String, Platform)}).
 */
final class SaveSelection {
    private SaveSelection() {
    }

    static List<SelectedImage> resolve(ImageStore store, List<String> names, Platform platform) throws IOException {
        Map<Digest, ImageRecord> images = new LinkedHashMap<>();
        Map<Digest, List<Reference>> tags = new LinkedHashMap<>();
        Lookup lookup = platform == null ? store::image : query -> store.image(query, platform);
        for (String name : names) {
            for (Match match : matches(store, lookup, name)) {
                ImageRecord image = match.image();
                images.putIfAbsent(image.manifestDigest(), image);
                List<Reference> list = tags.computeIfAbsent(image.manifestDigest(), k -> new ArrayList<>());
                if (match.tag() != null && !list.contains(match.tag())) {
                    list.add(match.tag());
                }
            }
        }
        List<SelectedImage> out = new ArrayList<>();
        images.forEach((manifest, image) -> out.add(new SelectedImage(image, tags.get(manifest))));
        return out;
    }

    /** An image a name stands for, with the tag it was found by (null for none). */
    private record Match(ImageRecord image, Reference tag) {
    }

    /** How one name or reference becomes an image: as the store resolves it, or its image of one platform. */
    @FunctionalInterface
    private interface Lookup {
        ImageRecord image(String query) throws IOException;
    }

    private static List<Match> matches(ImageStore store, Lookup lookup, String name) throws IOException {
        List<Match> out = new ArrayList<>();
        if (name.startsWith(Digest.ALGORITHM + ":") || Digest.isHex(name)) {
            out.add(new Match(lookup.image(name), null));
            return out;
        }
        Reference ref;
        try {
            ref = Reference.parseNormalized(name);
        } catch (InvalidReferenceException e) {
            out.add(new Match(lookup.image(name), null)); // lets the store say what is wrong with it
            return out;
        }
        if (ref.isDigested()) {
            out.add(new Match(lookup.image(name), null));
        } else if (ref.isTagged()) {
            out.add(new Match(lookup.image(name), ref));
        } else {
            for (Map.Entry<Reference, Digest> entry : store.references().list().entrySet()) {
                Reference candidate = entry.getKey();
                if (candidate.isTagged() && !candidate.isDigested() && candidate.name().equals(ref.name())) {
                    out.add(new Match(lookup.image(candidate.toString()), candidate));
                }
            }
            if (out.isEmpty()) {
                ImageRecord image = lookup.image(name);
                Reference latest = ref.withTag(Reference.DEFAULT_TAG);
                out.add(new Match(image, image.references().contains(latest) ? latest : null));
            }
        }
        return out;
    }
}
