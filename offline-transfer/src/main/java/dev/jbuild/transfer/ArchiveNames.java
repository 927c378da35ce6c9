package dev.jbuild.transfer;

import dev.jbuild.imagespec.Digest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file names and fixed contents of an image archive: the OCI image layout and Docker's
 * {@code docker save} format, which since Docker 25 share one tarball.
 */
final class ArchiveNames {
    static final String OCI_LAYOUT = "oci-layout";
    static final String INDEX = "index.json";
    static final String MANIFEST = "manifest.json";
    static final String REPOSITORIES = "repositories";
    static final String BLOBS_DIR = "blobs/";
    static final String SHA256_DIR = "blobs/sha256/";
    /** Exactly what Docker writes (with the space), so the file is byte-identical. */
    static final byte[] OCI_LAYOUT_CONTENT = "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);
    /** containerd's full image name, which Docker 25+ adds next to the OCI ref name. */
    static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";

    private static final Pattern BLOB = Pattern.compile("blobs/sha256/([0-9a-f]{64})");

    private ArchiveNames() {
    }

    static String blobPath(Digest digest) {
        return SHA256_DIR + digest.hex();
    }

    /** The digest a {@code blobs/sha256/<hex>} name promises, or null for any other name. */
    static Digest digestOfBlobPath(String name) {
        Matcher m = BLOB.matcher(name);
        return m.matches() ? Digest.ofHex(m.group(1)) : null;
    }
}
