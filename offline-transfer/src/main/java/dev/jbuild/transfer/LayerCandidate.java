package dev.jbuild.transfer;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.StagedBlob;

/**
 * A layer of an image in an archive: its staged blob, how it is compressed, and the diff ID the
 * image config says it must unpack to.
 *
 * @param descriptor how the manifest describes it (synthesized for {@code docker save} archives)
 */
record LayerCandidate(StagedBlob blob, Descriptor descriptor, Compression compression, Digest diffId) {
}
