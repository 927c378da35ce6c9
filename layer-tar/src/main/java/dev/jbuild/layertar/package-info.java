/**
 * Directory trees to OCI image layer tars and back.
 *
 * <p>{@link dev.jbuild.layertar.LayerWriter} writes a tree, or a list of {@link dev.jbuild.layertar.Change}s,
 * as a deterministic uncompressed layer (byte-identical to what Go's archive/tar writes for BuildKit
 * given the same metadata) and reports its {@link dev.jbuild.imagespec.SizedDigest}.
 * {@link dev.jbuild.layertar.LayerApplier} applies a layer to a directory with OCI whiteout
 * semantics, checking the whole archive before changing anything.
 *
 * <p>The module knows nothing of images or Dockerfiles. It needs Linux and a UTF-8 locale for non-ASCII
 * names. It also holds jbuild's native calls, made through jffi: {@link dev.jbuild.platform.LibC} (the
 * libc calls the JDK lacks, or makes in several steps: extended attributes in every namespace, mounts,
 * owner, mode and times in one call) and {@link dev.jbuild.platform.Sha256} (bulk SHA-256 through
 * libcrypto when the system has it).
 */
package dev.jbuild.layertar;
