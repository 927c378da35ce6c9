package dev.jbuild.builder.files;

import dev.jbuild.parser.ignore.DockerIgnore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One COPY or ADD, with everything the Dockerfile said already expanded and resolved by the builder.
 * Most fields are optional; {@link #builder(String, Path)} gives Docker's defaults for all of them.
 *
 * @param sourceRoot where sources are looked up: the build context directory, or the root filesystem of
 *     a stage or image ({@code COPY --from}); sources may never escape it, symlinks included. May be null
 *     when the request has only heredocs and URLs.
 * @param fromContext true when {@code sourceRoot} is the build context: files then get uid/gid 0:0 (BuildKit
 *     resets the owner of context files while transferring them) unless {@code owner} says otherwise, and
 *     {@code ignore} applies. False for {@code --from} sources, whose owners are kept (BuildKit's behaviour).
 * @param sources the source patterns after variable expansion, relative to {@code sourceRoot} (a leading
 *     {@code /} means the same; {@code ../} is cleaned away as Docker does); Go {@code filepath.Match}
 *     wildcards; for ADD also {@code http(s)://} URLs
 * @param heredocs inline files ({@code COPY <<EOF /dst}): name and content, content already expanded when
 *     the heredoc allows it
 * @param destination the destination after expansion, absolute: relative destinations are resolved against
 *     WORKDIR by the builder, and {@code .} becomes the WORKDIR with a trailing {@code /} (as BuildKit does);
 *     a trailing {@code /} is kept (it matters)
 * @param targetRoot the root filesystem the files are written into (the step's workspace); may be null for
 *     {@link FileCopier#checksum}, which then skips the checks that need the destination
 * @param owner {@code --chown} resolved to ids against the target image's passwd/group, or null for Docker's
 *     default (0:0 for files from the context and for created directories; the source's own ids for files
 *     copied {@code --from} a stage or image)
 * @param chmod {@code --chmod} as written (octal or symbolic, see {@link dev.jbuild.parser.instructions.ChmodMode}), or null
 * @param ignore what the context's .dockerignore excludes; null (or empty) when nothing is excluded. Used only
 *     when {@code fromContext}.
 * @param excludes {@code --exclude} patterns (.dockerignore syntax, relative to each copied directory or
 *     wildcard base)
 * @param parents {@code --parents}
 * @param add true for ADD: local archives are extracted, URLs downloaded
 * @param checksum {@code ADD --checksum} (e.g. {@code sha256:...}), or null
 * @param unpack {@code ADD --unpack}, or null for the default (extract local archives, not URLs)
 * @param sourceDateEpoch when set, every copied or created entry gets this modification time (seconds), as
 *     BuildKit does with {@code SOURCE_DATE_EPOCH}; null keeps the sources' times
 */
public record CopyRequest(
        Path sourceRoot,
        boolean fromContext,
        List<String> sources,
        List<InlineFile> heredocs,
        String destination,
        Path targetRoot,
        Owner owner,
        String chmod,
        DockerIgnore ignore,
        List<String> excludes,
        boolean parents,
        boolean add,
        String checksum,
        Boolean unpack,
        Long sourceDateEpoch) {

    public CopyRequest {
        sources = List.copyOf(sources == null ? List.of() : sources);
        heredocs = List.copyOf(heredocs == null ? List.of() : heredocs);
        excludes = List.copyOf(excludes == null ? List.of() : excludes);
        Objects.requireNonNull(destination, "destination");
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("destination must be absolute (resolve it against WORKDIR): "
                    + destination);
        }
        if (!sources.isEmpty() && sourceRoot == null && sources.stream().anyMatch(s -> !UrlSources.isUrl(s) && !UrlSources.isGit(s))) {
            throw new IllegalArgumentException("local sources need a sourceRoot: " + sources);
        }
    }

    /** A request copying nothing yet from the build context into {@code destination}; add sources with the builder. */
    public static Builder builder(String destination, Path targetRoot) {
        return new Builder(destination, targetRoot);
    }

    /** A heredoc source: written as a file named {@code name} (mode 0644) unless the destination names it. */
    public record InlineFile(String name, String content) {
        public InlineFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Numeric owner for created files and directories. */
    public record Owner(int uid, int gid) {}

    /** Collects the optional fields; defaults are Docker's (a COPY from the context, nothing ignored). */
    public static final class Builder {
        private Path sourceRoot;
        private boolean fromContext = true;
        private final List<String> sources = new ArrayList<>();
        private final List<InlineFile> heredocs = new ArrayList<>();
        private final String destination;
        private final Path targetRoot;
        private Owner owner;
        private String chmod;
        private DockerIgnore ignore;
        private final List<String> excludes = new ArrayList<>();
        private boolean parents;
        private boolean add;
        private String checksum;
        private Boolean unpack;
        private Long sourceDateEpoch;

        private Builder(String destination, Path targetRoot) {
            this.destination = destination;
            this.targetRoot = targetRoot;
        }

        /** Sources come from the build context at {@code root}. */
        public Builder fromContext(Path root) {
            this.sourceRoot = root;
            this.fromContext = true;
            return this;
        }

        /** Sources come from a stage's or image's root filesystem ({@code COPY --from}). */
        public Builder fromStage(Path root) {
            this.sourceRoot = root;
            this.fromContext = false;
            return this;
        }

        public Builder source(String... paths) {
            sources.addAll(List.of(paths));
            return this;
        }

        public Builder heredoc(String name, String content) {
            heredocs.add(new InlineFile(name, content));
            return this;
        }

        public Builder owner(int uid, int gid) {
            this.owner = new Owner(uid, gid);
            return this;
        }

        public Builder chmod(String spec) {
            this.chmod = spec;
            return this;
        }

        public Builder ignore(DockerIgnore rules) {
            this.ignore = rules;
            return this;
        }

        public Builder exclude(String... patterns) {
            excludes.addAll(List.of(patterns));
            return this;
        }

        public Builder parents(boolean value) {
            this.parents = value;
            return this;
        }

        /** Makes this an ADD. */
        public Builder add() {
            this.add = true;
            return this;
        }

        public Builder checksum(String value) {
            this.checksum = value;
            return this;
        }

        public Builder unpack(Boolean value) {
            this.unpack = value;
            return this;
        }

        public Builder sourceDateEpoch(Long seconds) {
            this.sourceDateEpoch = seconds;
            return this;
        }

        public CopyRequest build() {
            return new CopyRequest(sourceRoot, fromContext, sources, heredocs, destination, targetRoot, owner,
                    chmod, ignore, excludes, parents, add, checksum, unpack, sourceDateEpoch);
        }
    }
}
