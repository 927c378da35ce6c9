package dev.jbuild.transfer;

import dev.jbuild.imagespec.Reference;
import dev.jbuild.store.ImageRecord;
import java.util.List;

/**
 * An image chosen for {@code save} and the tags it is saved under (none when it was named by ID or
 * digest, as Docker does).
 */
record SelectedImage(ImageRecord image, List<Reference> tags) {
    SelectedImage {
        tags = List.copyOf(tags);
    }
}
