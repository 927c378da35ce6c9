package dev.jbuild.analysis;

/**
 * Bytes a layer holds that the finished image never shows: a file a later layer overwrote or deleted.
 *
 * @param addedBy the layer that holds the bytes
 * @param wastedBy the layer that overwrote or deleted the file
 * @param instruction what made {@code wastedBy} ({@code RUN rm -rf /var/cache/apt})
 * @param deleted true when removed, false when overwritten
 */
public record WastedFile(String path, long size, int addedBy, int wastedBy, String instruction, boolean deleted) {
}
