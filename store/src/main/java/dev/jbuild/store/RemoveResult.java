package dev.jbuild.store;

import dev.jbuild.imagespec.Digest;
import java.util.List;

/**
 * What {@code rmi} did, in Docker's terms.
 *
 * @param untagged references removed, as Docker prints them ({@code busybox:latest})
 * @param deleted image IDs removed from the store
 */
public record RemoveResult(List<String> untagged, List<Digest> deleted) {
    public RemoveResult {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
    }
}
