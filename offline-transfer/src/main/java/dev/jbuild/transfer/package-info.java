/**
 * Offline transfer of images: {@code save} and {@code load} of image archives, and cosign-compatible
 * signing for sealed appliances. Entry points: {@link dev.jbuild.transfer.ImageSaver},
 * {@link dev.jbuild.transfer.ImageLoader}, {@link dev.jbuild.transfer.SigningKeys}.
 *
 * <h2>The archive {@code save} writes</h2>
 * One tar that is both an OCI image layout and a {@code docker save} archive, as Docker 25+ writes
 * it: {@code oci-layout}, {@code index.json} (one descriptor per tag, annotated with the tag as
 * {@code org.opencontainers.image.ref.name} and the full name as {@code io.containerd.image.name}),
 * {@code manifest.json} (Config/RepoTags/Layers pointing into {@code blobs/sha256/}),
 * {@code repositories}, and every blob once under {@code blobs/sha256/<hex>}. Entries are sorted,
 * owned by 0:0 with mode 0644/0755 and mtime 0: the same images give the same bytes. Layers are gzip
 * by default (Docker 25 writes them uncompressed, {@code --compress none}); every loader reads gzip
 * layers, an appliance file is smaller, and the compressed blobs are cached in the store. An image's
 * stored manifest is written as it is whenever its layers are written as stored, so its manifest
 * digest survives a load/save cycle.
 *
 * <h2>What {@code load} reads</h2>
 * {@code docker save} output of Docker before 25 ({@code <id>/layer.tar} directories, linked
 * duplicates) and after, OCI archives (skopeo, podman, buildah: {@code index.json} only, nested
 * multi-platform indexes included), gzip or zstd layers, and the whole archive gzip- or
 * zstd-compressed. Everything is verified before anything is stored (digests, sizes, diff IDs, safe
 * unpacking, signatures when asked); a refused archive leaves the store exactly as it was.
 *
 * <h2>Signatures</h2>
 * cosign's layout: for each image, a manifest tagged {@code sha256-<manifest hex>.sig} in
 * {@code index.json} whose layers are simple-signing payloads
 * ({@code application/vnd.dev.cosign.simplesigning.v1+json}) with the base64 ECDSA-P256-SHA256
 * signature in the {@code dev.cosignproject.cosign/signature} annotation. Keys are unencrypted PEM
 * (PKCS#8 private, SubjectPublicKeyInfo public); cosign's own private keys are password-encrypted.
 */
package dev.jbuild.transfer;
