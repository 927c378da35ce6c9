package dev.jbuild.builder.dispatch;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.StepId;
import dev.jbuild.builder.files.CopyRequest;
import dev.jbuild.platform.CacheSharing;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.executor.MountSpec;
import dev.jbuild.parser.instructions.InstructionException;
import dev.jbuild.parser.instructions.Mount;
import dev.jbuild.parser.instructions.MountSpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A RUN's {@code --mount} flags turned into executor mounts: each spec re-read with its values
 * expanded, targets resolved against WORKDIR, bind sources found in the context, a stage or an
 * image, secrets and SSH agents looked up by id. Also what the mounts contribute to the cache key
 * (never a secret's content) and the environment they add.
 */
final class RunMounts implements AutoCloseable {
    final List<MountSpec> mounts = new ArrayList<>();
    final List<String> keyParts = new ArrayList<>();
    final List<String> env = new ArrayList<>();
    private final List<SourceImages.View> views = new ArrayList<>();
    private int sshCount;

    /** Resolves every mount; stage and image roots stay mounted until {@link #close}. */
    static RunMounts resolve(BuildSession session, StageState state, List<Mount> declared, StepId step,
                             Expander expander) throws IOException, InterruptedException {
        RunMounts result = new RunMounts();
        try {
            for (Mount raw : declared) {
                result.add(session, state, expanded(raw, expander), step);
            }
            return result;
        } catch (IOException | InterruptedException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /**
     * Checks the mounts as far as can be done before anything runs: every value expanded and valid, and
     * every {@code from} naming a stage of the build or an image the build can use.
     */
    static void check(BuildSession session, List<Mount> declared, Expander expander) throws IOException {
        for (Mount raw : declared) {
            String from = from(expanded(raw, expander));
            if (from != null) {
                SourceImages.requireStageOrImage(session, from);
            }
        }
    }

    /** The mount re-read with its values expanded; a value that is invalid once expanded is an error at the RUN. */
    static Mount expanded(Mount declared, Expander expander) {
        try {
            return MountSpecParser.parse(declared.spec(), expander::word);
        } catch (InstructionException e) {
            throw expander.error(e.getMessage(), e.hint());
        }
    }

    /** The stage or image a bind or cache mount reads from, or null. */
    static String from(Mount mount) {
        if (mount instanceof Mount.Bind bind) {
            return bind.from();
        }
        if (mount instanceof Mount.Cache cache) {
            return cache.from();
        }
        return null;
    }

    private void add(BuildSession session, StageState state, Mount mount, StepId step)
            throws IOException, InterruptedException {
        if (mount instanceof Mount.Bind bind) {
            String target = absolute(state, bind.target());
            String source = bind.source() == null ? "/" : bind.source();
            Path root;
            String origin;
            Path namedDirectory = SourceImages.namedDirectory(session, bind.from());
            if (bind.from() == null || namedDirectory != null) {
                root = namedDirectory != null ? namedDirectory : contextRoot(session, step);
                CopyRequest request = CopyRequest.builder("/mnt/", null).fromContext(root).source(source)
                        .ignore(namedDirectory != null ? SourceImages.ignoreOf(namedDirectory)
                                : session.request().ignore()).build();
                origin = "context:" + session.copier().checksum(request).digest();
            } else {
                ImageState image = SourceImages.stageOrImage(session, bind.from(), step);
                SourceImages.View view = SourceImages.view(session, image);
                views.add(view);
                root = view.root();
                origin = "state:" + image.stateKey().value();
            }
            mounts.add(new MountSpec.Bind(inside(root, source, step), target, bind.readWrite()));
            keyParts.add("bind " + origin + " " + source + " " + target + " rw=" + bind.readWrite());
        } else if (mount instanceof Mount.Cache cache) {
            String target = absolute(state, cache.target());
            String id = cache.id() == null ? target : cache.id();
            mounts.add(new MountSpec.Cache(id, target, cache.sharing(),
                    intOr(cache.uid(), 0), intOr(cache.gid(), 0), intOr(cache.mode(), 0755), cache.readOnly()));
            keyParts.add("cache " + id + " " + target);
        } else if (mount instanceof Mount.Tmpfs tmpfs) {
            String target = absolute(state, tmpfs.target());
            mounts.add(new MountSpec.Tmpfs(target, tmpfs.sizeBytes() == null ? 0 : tmpfs.sizeBytes()));
            keyParts.add("tmpfs " + target);
        } else if (mount instanceof Mount.Secret secret) {
            byte[] content = session.request().secrets().get(secret.id());
            if (content == null) {
                if (secret.required()) {
                    throw new BuildException("secret " + secret.id() + ": not found", step, null);
                }
                return;
            }
            if (secret.env() != null) {
                env.add(secret.env() + "=" + new String(content, StandardCharsets.UTF_8));
            }
            if (secret.target() != null) {
                String target = absolute(state, secret.target());
                mounts.add(new MountSpec.Secret(target, content, intOr(secret.uid(), 0), intOr(secret.gid(), 0),
                        intOr(secret.mode(), 0400)));
            }
            keyParts.add("secret " + secret.id() + " " + secret.target() + " " + secret.env());
        } else if (mount instanceof Mount.Ssh ssh) {
            Map<String, Path> agents = session.request().sshAgents();
            Path socket = agents.get(ssh.id());
            if (socket == null) {
                if (ssh.required()) {
                    throw new BuildException("no SSH key \"" + ssh.id() + "\" forwarded from the client (use --ssh "
                            + ssh.id() + ")", step, null);
                }
                return;
            }
            sshCount++;
            String target = ssh.target() != null ? absolute(state, ssh.target())
                    : "/run/buildkit/ssh_agent." + (sshCount - 1);
            mounts.add(new MountSpec.Ssh(socket, target, intOr(ssh.uid(), 0), intOr(ssh.gid(), 0),
                    intOr(ssh.mode(), 0600)));
            if (sshCount == 1) {
                env.add("SSH_AUTH_SOCK=" + target);
            }
            keyParts.add("ssh " + ssh.id() + " " + target);
        }
    }

    private static Path contextRoot(BuildSession session, StepId step) {
        Path context = session.request().contextDir();
        if (context == null) {
            throw new BuildException("RUN --mount=type=bind needs a build context, and this build has none", step,
                    null);
        }
        return context;
    }

    /** A path inside {@code root}; a source that leaves it (through "..") is refused, as BuildKit does. */
    private static Path inside(Path root, String source, StepId step) {
        Path resolved = root.resolve(source.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new BuildException("mount source " + source + " is outside of its root", step, null);
        }
        if (!Files.exists(resolved)) {
            throw new BuildException("failed to compute cache key: \"/" + source.replaceFirst("^/+", "")
                    + "\": not found", step, null);
        }
        return resolved;
    }

    static String absolute(ConfigState state, String target) {
        if (target == null || target.isEmpty()) {
            return state.workdir();
        }
        if (target.startsWith("/")) {
            return normalize(target);
        }
        return normalize(state.workdir() + "/" + target);
    }

    static String normalize(String path) {
        String normalized = Path.of("/").resolve(path).normalize().toString();
        return normalized.isEmpty() ? "/" : normalized;
    }

    private static int intOr(Long value, int fallback) {
        return value == null ? fallback : value.intValue();
    }

    @Override
    public void close() throws IOException {
        Exception failure = null;
        for (SourceImages.View view : views) {
            try {
                view.close();
            } catch (IOException | ExecutorException e) {
                failure = e;
            }
        }
        views.clear();
        if (failure instanceof ExecutorException executor) {
            throw executor;
        }
        if (failure != null) {
            throw (IOException) failure;
        }
    }
}
