/**
 * COPY and ADD with BuildKit's semantics, and the content checksums that go into their cache keys.
 *
 * <p>Entry point: {@link dev.jbuild.builder.files.DockerFileCopier} ({@link dev.jbuild.builder.files.FileCopier})
 * taking a {@link dev.jbuild.builder.files.CopyRequest}.
 *
 * <h2>Rules (BuildKit's, checked against Docker where possible)</h2>
 * <ul>
 *   <li>Sources are cleaned inside the source root ({@code ../x} is {@code /x}); a source path is followed
 *       through symlinks scoped to the root, and the copy is named after the path as written; symlinks below a
 *       copied directory are copied as symlinks. A missing source fails with
 *       {@code failed to compute cache key: "/x": not found}; a wildcard matching nothing copies nothing.</li>
 *   <li>A directory copies its contents; a file goes inside a destination ending in {@code /} or naming an
 *       existing directory, and otherwise becomes the destination; missing directories are created 0755
 *       (or per --chmod), owned by --chown or 0:0.</li>
 *   <li>Owners: --chown, else 0:0 for context files, else the source's ids ({@code --from}). Modes are kept,
 *       or replaced/edited by --chmod for files and directories (never symlinks). Times are kept, or all set
 *       to SOURCE_DATE_EPOCH.</li>
 *   <li>ADD extracts local tar archives (any compression, detected by content) into the destination
 *       directory, keeping the archive's owners unless --chown; URLs are downloaded as mode 0600 files named
 *       after the URL's last segment, timed by Last-Modified, and extracted only with {@code --unpack}.</li>
 * </ul>
 *
 * <h2>Deliberate differences</h2>
 * <ul>
 *   <li>Several sources (or wildcard matches) to a new file name: Docker keeps the last one; jbuild fails
 *       with Docker's documented "must be a directory and end with a /" error.</li>
 *   <li>ADD of an archive with whiteout names ({@code .wh.*}) or absolute names is refused rather than
 *       extracted (the archive goes through the layer applier's safety checks).</li>
 *   <li>Git sources are refused ("not supported").</li>
 * </ul>
 */
package dev.jbuild.builder.files;
