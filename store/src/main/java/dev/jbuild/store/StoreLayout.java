package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Digest;
import java.nio.file.Path;

/**
 * Where things live under the store root: the one place that names a directory or file there. Every
 * module that keeps state in the store (the builder's cache and diffs, the executor's state, the
 * registry's blob sources) asks this class for its place rather than naming it itself.
 *
 * <pre>
 * layout-version               which layout this is ("2": one set of snapshots in overlay format)
 * lock                         cross-process lock (FileChannel.lock), holds the pid of an exclusive holder
 * builds.lock                  shared by every running build, exclusive for prune (see ImageStore#holdForBuild)
 * references.json              images and references, replaced atomically as a whole
 * blobs/sha256/&lt;hex&gt;           content-addressed blobs (configs, manifests, layers, compressed variants)
 * compressed/&lt;algo&gt;/&lt;hex&gt;      uncompressed layer digest -&gt; its compressed blob (JSON)
 * layer-sizes/&lt;hex&gt;            a layer's size as Docker counts it, by diff ID (decimal text)
 * snapshots/&lt;chain hex&gt;/diff  each layer's own diff in overlay format, for builds, load, import and
 *                              export alike; snapshot.json beside it records what it is
 * tar-splits/&lt;diff ID hex&gt;     a layer kept as its snapshot and a tar split (every layer a build makes, and an
 *                              uncompressed one from outside): "&lt;chain hex&gt; &lt;size&gt;"
 *                              (snapshots/&lt;chain hex&gt;/layer.tar-split holds the split)
 * referrers/&lt;subject hex&gt;/      artifacts (an SBOM) that refer to an image
 * tmp/&lt;session&gt;/               one directory per open store, locked by its owner while alive
 * builder/cache/               build cache records (by cache key), slots/ and inputs beside them
 * builder/layers/              (layout 1 only: the builder's own diffs, moved into snapshots/ on first open)
 * builder/checksums/           content checksums of build contexts, kept between builds
 * executor/                    the executor's state: bundles, workspaces, cache mounts, runtime state
 * registry/sources/            where each blob came from, for cross-repository mounts on push
 * </pre>
 */
public final class StoreLayout {
    private final Path root;

    private StoreLayout(Path root) {
        this.root = root;
    }

    /** The layout of the store at {@code root} (made absolute and normal). */
    public static StoreLayout at(Path root) {
        return new StoreLayout(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    Path versionFile() {
        return root.resolve("layout-version");
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

    Path splitMappingsDir() {
        return root.resolve("tar-splits");
    }

    /** Which snapshot holds the uncompressed layer {@code diffId} as a diff plus a tar split. */
    Path splitMapping(Digest diffId) {
        return splitMappingsDir().resolve(diffId.hex());
    }

    Path referrersDir() {
        return root.resolve("referrers");
    }

    Path tmpDir() {
        return root.resolve("tmp");
    }

    /** The build cache's records. */
    public Path buildCacheDir() {
        return root.resolve("builder").resolve("cache");
    }

    /** The build cache's slots (a build's position to the key it last used), beside its records. */
    public Path buildCacheSlotsDir() {
        return buildCacheDir().resolve("slots");
    }

    /** Layout 1's builder diffs, which {@link SnapshotMigration} moves into the snapshots. */
    Path diffsDir() {
        return root.resolve("builder").resolve("layers");
    }

    /** Build contexts' content checksums, kept between builds. */
    public Path checksumsDir() {
        return root.resolve("builder").resolve("checksums");
    }

    /** The executor's state (its own layout below). */
    public Path executorDir() {
        return root.resolve("executor");
    }

    /** Which registry and repository each blob came from. */
    public Path registrySourcesDir() {
        return root.resolve("registry").resolve("sources");
    }
}
