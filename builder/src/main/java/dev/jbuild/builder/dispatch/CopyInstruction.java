package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.cache.CacheKey;
import dev.jbuild.builder.files.CopyException;
import dev.jbuild.builder.files.CopyRequest;
import dev.jbuild.builder.files.SourceDigest;
import dev.jbuild.builder.files.CopyResult;
import dev.jbuild.executor.ProcessUser;
import dev.jbuild.executor.UnknownUserException;
import dev.jbuild.executor.UserResolver;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.parser.ignore.DockerIgnore;
import dev.jbuild.parser.instructions.Add;
import dev.jbuild.parser.instructions.Chmod;
import dev.jbuild.parser.instructions.Copy;
import dev.jbuild.parser.instructions.Instruction;
import dev.jbuild.parser.instructions.InstructionException;
import dev.jbuild.parser.syntax.Heredoc;
import dev.jbuild.parser.syntax.SourceRange;
import dev.jbuild.platform.EntryAttributes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * COPY and ADD: the Dockerfile's words expanded and resolved (destination against WORKDIR,
 * {@code --from} to a stage or image, {@code --chown} against the destination's passwd and group),
 * then handed to the {@link dev.jbuild.builder.files.FileCopier}, which knows Docker's copy rules.
 * The sources' content checksum is part of the cache key, so a {@code touch} keeps the cache and a
 * changed byte does not.
 */
final class CopyInstruction {

    /** COPY and ADD, flags and all, in one shape. */
    private record Spec(boolean add, List<String> sources, List<Heredoc> heredocs, String destination, String from,
                        String chown, String chmod, boolean link, boolean parents, List<String> excludes,
                        String checksum, Boolean unpack, SourceRange range) {}

    /** The content digest of a copy from a stage or image: see {@link #sourcesDigest}. */
    private static final Digest FROM_STATE = Digest.of("files fixed by the origin's state");

    private CopyInstruction() {
    }

    static void copy(BuildSession session, StageState state, Copy copy, StepId step)
            throws IOException, InterruptedException {
        apply(session, state, spec(copy), step);
    }

    static void add(BuildSession session, StageState state, Add add, StepId step)
            throws IOException, InterruptedException {
        apply(session, state, spec(add), step);
    }

    /**
     * Checks a COPY or ADD before the build runs: every word expands, {@code --chmod} is valid once
     * expanded, and {@code --from} names a stage or an image the build can use.
     */
    static void check(BuildSession session, StageState state, Instruction copyOrAdd) throws IOException {
        Spec spec = copyOrAdd instanceof Copy copy ? spec(copy) : spec((Add) copyOrAdd);
        Words words = words(session, state, spec);
        if (words.from() != null) {
            SourceImages.requireStageOrImage(session, words.from());
        }
        // A source root only to make a well-formed request: check() reads no file.
        CopyRequest.Builder request = CopyRequest.builder(words.destination(), null).fromContext(Path.of("/"))
                .source(words.sources().toArray(String[]::new)).chmod(words.chmod()).checksum(words.checksum());
        if (spec.add()) {
            request.add().unpack(spec.unpack());
        }
        try {
            session.copier().check(request.build());
        } catch (CopyException e) {
            throw words.expander().error(e.getMessage());
        }
    }

    private static Spec spec(Copy copy) {
        return new Spec(false, copy.sources(), copy.heredocs(), copy.destination(), copy.from(), copy.chown(),
                copy.chmod(), copy.link(), copy.parents(), copy.excludes(), null, null, copy.range());
    }

    private static Spec spec(Add add) {
        return new Spec(true, add.sources(), add.heredocs(), add.destination(), null, add.chown(), add.chmod(),
                add.link(), false, add.excludes(), add.checksum(), add.unpack(), add.range());
    }

    /** The instruction's words as expanded against the stage. */
    private record Words(Expander expander, List<String> sources, String destinationWord, String destination,
                         String chown, String chmod, String checksum, String from,
                         List<CopyRequest.InlineFile> inline) {}

    private static Words words(BuildSession session, StageState state, Spec spec) {
        Expander expander = Expander.of(session, state, spec.range());
        List<String> sources = new ArrayList<>();
        for (String source : spec.sources()) {
            sources.add(expander.word(source));
        }
        String destinationWord = expander.word(spec.destination());
        String chmod = expander.word(spec.chmod());
        if (chmod != null && !chmod.equals(spec.chmod())) {
            try {
                Chmod.check(chmod); // a literal value was checked when the Dockerfile was parsed
            } catch (InstructionException e) {
                throw expander.error(e.getMessage(), e.hint());
            }
        }
        List<CopyRequest.InlineFile> inline = new ArrayList<>();
        for (Heredoc heredoc : spec.heredocs()) {
            String content = heredoc.content();
            if (heredoc.chomp()) {
                content = content.replaceAll("(?m)^\t+", "");
            }
            inline.add(new CopyRequest.InlineFile(heredoc.name(), heredoc.expand() ? expander.heredoc(content)
                    : content));
        }
        return new Words(expander, sources, destinationWord, destination(state, destinationWord),
                expander.word(spec.chown()), chmod, expander.word(spec.checksum()), expander.word(spec.from()),
                inline);
    }

    private static void apply(BuildSession session, StageState state, Spec spec, StepId step)
            throws IOException, InterruptedException {
        Words words = words(session, state, spec);
        Expander expander = words.expander();
        List<String> sources = words.sources();
        String destinationWord = words.destinationWord();
        String destination = words.destination();
        String chown = words.chown();
        String chmod = words.chmod();
        String checksum = words.checksum();
        String from = words.from();
        List<CopyRequest.InlineFile> inline = words.inline();

        Path contextRoot = null;
        ImageState sourceImage = null;
        String origin;
        Path namedDirectory = SourceImages.namedDirectory(session, from);
        if (namedDirectory != null) {
            contextRoot = namedDirectory;
            origin = "context:" + from;
        } else if (from == null) {
            contextRoot = session.request().contextDir();
            origin = "context";
            if (contextRoot == null && !sources.isEmpty()) {
                throw new BuildException((spec.add() ? "ADD" : "COPY")
                        + " needs a build context, and this build has none", step, null);
            }
        } else {
            sourceImage = SourceImages.stageOrImage(session, from, step);
            origin = "state:" + sourceImage.stateKey().value();
        }
        boolean fromContext = from == null || namedDirectory != null;
        DockerIgnore ignore = from == null ? session.request().ignore()
                : namedDirectory != null ? SourceImages.ignoreOf(namedDirectory) : DockerIgnore.empty();
        RequestFactory requests = (sourceRoot, target, owner) -> {
            CopyRequest.Builder builder = CopyRequest.builder(destination, target);
            if (fromContext) {
                builder.fromContext(sourceRoot).ignore(ignore);
            } else {
                builder.fromStage(sourceRoot);
            }
            builder.source(sources.toArray(String[]::new));
            inline.forEach(file -> builder.heredoc(file.name(), file.content()));
            if (owner != null) {
                builder.owner(owner.uid(), owner.gid());
            }
            if (spec.add()) {
                builder.add().checksum(checksum).unpack(spec.unpack());
            }
            return builder.chmod(chmod).exclude(spec.excludes().toArray(String[]::new)).parents(spec.parents())
                    .sourceDateEpoch(session.request().sourceDateEpoch()).build();
        };
        TreeMap<String, String> used = new TreeMap<>();
        for (String name : expander.used()) {
            if (state.isArg(name)) {
                used.put(name, state.args().get(name));
            }
        }
        List<String> extras = List.of("origin=" + origin, "chown=" + chown, "chmod=" + chmod,
                "link=" + spec.link(), "parents=" + spec.parents(), "excludes=" + spec.excludes(),
                "checksum=" + checksum, "unpack=" + spec.unpack(),
                "epoch=" + session.request().sourceDateEpoch());
        SourceDigest content = sourcesDigest(session, requests, contextRoot, sourceImage, inline, step);
        CacheKey key = new CacheKey(state.stateKey(),
                (spec.add() ? "ADD" : "COPY") + "\u0000" + String.join("\u0000", sources) + "\u0000" + destination,
                used, content.digest().value(), extras);
        ImageState stageSource = sourceImage;
        Path context = contextRoot;
        LayerStep.run(session, state, step, key, createdBy(spec.add(), sources, inline, destinationWord),
                content.entries(), (workspace, warn) -> {
                    EntryAttributes.expect(content.files());
                    CopyRequest.Owner owner = chown == null ? null : owner(workspace.rootfs(), chown, step);
                    try (SourceImages.View view = stageSource == null ? null : SourceImages.view(session, stageSource)) {
                        CopyResult result = session.copier().copy(requests.create(view == null ? context : view.root(),
                                workspace.rootfs(), owner));
                        if (!result.unsearchableDirectories().isEmpty()) {
                            warn.accept(unsearchable(chmod, result.unsearchableDirectories()));
                        }
                    } catch (CopyException e) {
                        throw new BuildException(e.getMessage(), step, e);
                    }
                });
    }

    /** How many directories a warning names before it only counts the rest. */
    private static final int NAMED_DIRECTORIES = 5;

    /**
     * The --chmod trap (moby/moby#49851): BuildKit applies --chmod to the directories a copy creates or
     * copies, so a file mode without x leaves them unsearchable. The build does what Docker does, and says so.
     */
    static String unsearchable(String chmod, List<String> directories) {
        String named = String.join(", ", directories.subList(0, Math.min(NAMED_DIRECTORIES, directories.size())))
                + (directories.size() > NAMED_DIRECTORIES ? " and " + (directories.size() - NAMED_DIRECTORIES)
                + " more" : "");
        return "--chmod=" + chmod + " makes the director" + (directories.size() == 1 ? "y " : "ies ") + named
                + " (created or copied by this step) readable but not searchable: users other than root cannot reach "
                + "what is inside; use --chmod=u=rwX,go=rX (X adds search to directories only) or create the "
                + "directories first with RUN mkdir -p";
    }

    /**
     * The content part of the cache key. For the context, the checksum of the files the sources select
     * (content and metadata, not mtime), so a {@code touch} keeps the cache. For a stage or image, the
     * origin's state key, already in the key, fixes every file it holds: reading them (which needs the
     * stage's layers mounted) would add nothing, so that happens only on a miss, to copy; inline
     * heredoc files are still read.
     */
    private static SourceDigest sourcesDigest(BuildSession session, RequestFactory requests, Path contextRoot,
                                              ImageState sourceImage, List<CopyRequest.InlineFile> inline, StepId step)
            throws IOException {
        try {
            if (sourceImage == null) {
                return session.copier().checksum(requests.create(contextRoot, null, null));
            }
            if (inline.isEmpty()) {
                return new SourceDigest(FROM_STATE, 0);
            }
            try (SourceImages.View view = SourceImages.view(session, sourceImage)) {
                return session.copier().checksum(requests.create(view.root(), null, null));
            }
        } catch (CopyException e) {
            throw new BuildException(e.getMessage(), step, e);
        }
    }

    @FunctionalInterface
    private interface RequestFactory {
        CopyRequest create(Path sourceRoot, Path targetRoot, CopyRequest.Owner owner);
    }

    /** BuildKit's history text: sources and destination as expanded, no flags. */
    private static String createdBy(boolean add, List<String> sources, List<CopyRequest.InlineFile> inline,
                                    String destination) {
        StringBuilder out = new StringBuilder(add ? "ADD" : "COPY");
        sources.forEach(s -> out.append(' ').append(s));
        inline.forEach(f -> out.append(" <<").append(f.name()));
        return out.append(' ').append(destination).append(" # buildkit").toString();
    }

    /**
     * The destination as BuildKit makes it: joined to WORKDIR when relative, cleaned, with a trailing
     * slash kept (and added for "."), because "copy into" and "copy as" differ by it.
     */
    static String destination(StageState state, String word) {
        boolean intoDirectory = word.endsWith("/") || word.equals(".") || word.endsWith("/.") || word.isEmpty();
        String joined = word.startsWith("/") ? word : state.workdir() + "/" + word;
        String clean = RunMounts.normalize(joined);
        return intoDirectory && !clean.equals("/") ? clean + "/" : clean;
    }

    /** {@code --chown=user}, {@code user:group}, ids or names; a lone user means the same name for the group. */
    private static CopyRequest.Owner owner(Path rootfs, String chown, StepId step) throws IOException {
        String spec = chown.contains(":") ? chown : chown + ":" + chown;
        try {
            ProcessUser user = new UserResolver(rootfs).resolve(spec);
            return new CopyRequest.Owner(user.uid(), user.gid());
        } catch (UnknownUserException e) {
            throw new BuildException("unable to convert uid/gid chown string to host mapping: " + e.getMessage(), step,
                    e);
        }
    }
}
