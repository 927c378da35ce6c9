package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import java.nio.file.Path;

/**
 * Where things live under the store root.
 *
 * <pre>
 * lock                         cross-process lock (FileChannel.lock), holds the pid of an exclusive holder
 * builds.lock                  shared by every running build, exclusive for prune (see ImageStore#holdForBuild)
 * references.json              images and references, replaced atomically as a whole
 * blobs/sha256/&lt;hex&gt;           content-addressed blobs (configs, manifests, layers, compressed variants)
 * compressed/&lt;algo&gt;/&lt;hex&gt;      uncompressed layer digest -&gt; its compressed blob (JSON)
 * layer-sizes/&lt;hex&gt;            a layer's size as Docker counts it, by diff ID (decimal text)
 * snapshots/&lt;chain hex&gt;/rootfs   unpacked layer chains; snapshot.json beside rootfs records what it is
 * tmp/&lt;session&gt;/               one directory per open store, locked by its owner while alive
 * </pre>
 */
final class StoreLayout {
    private final Path root;

    StoreLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path lockFile() {
        return root.resolve("lock");
    }

    Path buildsLockFile() {
        return root.resolve("builds.lock");
    }

    Path referencesFile() {
        return root.resolve("references.json");
    }

    Path blobsDir() {
        return root.resolve("blobs").resolve(Digest.ALGORITHM);
    }

    Path blob(Digest digest) {
        return blobsDir().resolve(digest.hex());
    }

    Path compressedDir(Compression compression) {
        return root.resolve("compressed").resolve(compression.label());
    }

    Path compressedMapping(Compression compression, Digest uncompressed) {
        return compressedDir(compression).resolve(uncompressed.hex());
    }

    Path layerSize(Digest diffId) {
        return root.resolve("layer-sizes").resolve(diffId.hex());
    }

    Path snapshotsDir() {
        return root.resolve("snapshots");
    }

    Path snapshot(Digest chainId) {
        return snapshotsDir().resolve(chainId.hex());
    }

    Path tmpDir() {
        return root.resolve("tmp");
    }
}
