/**
 * The content-addressed image store: OCI image-spec values ({@link dev.jbuild.imagespec.Digest},
 * {@link dev.jbuild.imagespec.Descriptor}, {@link dev.jbuild.imagespec.ImageConfig},
 * {@link dev.jbuild.imagespec.Manifest}, {@link dev.jbuild.imagespec.Index}) with canonical JSON
 * ({@link dev.jbuild.imagespec.CanonicalJson}), blobs, references, unpacked snapshots, a cross-process
 * lock, consistency check and garbage collection. Entry point: {@link dev.jbuild.store.ImageStore#open}.
 *
 * <h2>Layout under the root</h2>
 * See {@code StoreLayout}: {@code blobs/sha256/<hex>}, {@code references.json},
 * {@code snapshots/<chain hex>/{diff,snapshot.json,layer.tar-split}}, {@code tar-splits/<diff id hex>},
 * {@code compressed/<algo>/<diff id hex>}, {@code tmp/<session>/}, {@code lock}.
 *
 * <h2>Crash safety</h2>
 * Every file becomes visible by rename from {@code tmp/} after an fsync (directories after a
 * {@code syncfs}), and the directory is fsynced after the rename; the one exception is a build step's
 * layer (its snapshot and split), which a crash only makes the step run again, and which is synced by one
 * {@code syncfs} before the first image that names it is committed. An image is committed in the order
 * layers, config, manifest, then the reference table, whose single file is replaced by rename: a
 * process killed at any point leaves the previous table, which names only complete images, plus
 * unreferenced blobs and a dead temp area that {@code prune} removes.
 *
 * <h2>Concurrency</h2>
 * {@code <root>/lock} is locked shared to publish blobs and snapshots, exclusive to change the
 * table or delete anything. A collector spares unreferenced content written since the oldest other
 * live process opened the store (each open store holds a lock on its own {@code tmp/<session>/owner}),
 * because that process may be about to reference it; {@link dev.jbuild.store.BlobStore#touch} marks a
 * reused blob the same way.
 *
 * <h2>Identity</h2>
 * An image ID is its config digest. A config this store writes is canonical JSON, byte-identical to
 * what BuildKit writes for the same content; a config or manifest that arrives from elsewhere is kept
 * as its own bytes and never re-serialised, so its digest (and the image ID) is preserved.
 */
package dev.jbuild.store;
