package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;

/**
 * What verifying one image of an archive found.
 *
 * @param image how the image is named ({@code busybox:latest}, or its short ID)
 * @param manifestDigest the manifest digest the signature must name
 * @param problem null when verified, else why not ({@code not signed}, ...)
 */
public record SignatureVerdict(String image, Digest manifestDigest, String problem) {
    public boolean verified() {
        return problem == null;
    }

    /** One line: {@code busybox:latest (sha256:...): verified} or the problem. */
    public String line() {
        return image + " (" + manifestDigest + "): " + (problem == null ? "verified" : problem);
    }
}
