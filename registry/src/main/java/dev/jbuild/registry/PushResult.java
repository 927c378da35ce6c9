package dev.jbuild.registry;

import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Reference;

/**
 * A finished push.
 *
 * @param digest the manifest's digest in the registry ({@code name@digest} pulls exactly this)
 * @param uploadedBlobs blobs whose bytes were sent; {@code mountedBlobs} were mounted from another
 *     repository and {@code existingBlobs} were there already
 * @param uploadedBytes bytes of the uploaded blobs
 */
public record PushResult(Reference reference, Digest digest, long manifestSize, int uploadedBlobs, int mountedBlobs,
                         int existingBlobs, long uploadedBytes) {
}
