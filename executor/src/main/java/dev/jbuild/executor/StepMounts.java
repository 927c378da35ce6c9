package dev.jbuild.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a step's {@link MountSpec}s into OCI mounts, preparing what each needs on the host side
 * (a throw-away overlay for a writable bind, a held cache directory, a tmpfs with the secrets, an
 * SSH agent proxy) and registering how to undo it.
 */
final class StepMounts {
    private static final long SECRET_TMPFS_SLACK = 64 * 1024;
    private final Path runDir;
    private final Path cacheRoot;
    private final Cleanups cleanups;
    private int counter;

    StepMounts(Path runDir, Path cacheRoot, Cleanups cleanups) {
        this.runDir = runDir;
        this.cacheRoot = cacheRoot;
        this.cleanups = cleanups;
    }

    /** The OCI mounts, parents before children (sorted by depth, stable). */
    List<OciSpec.Mount> prepare(List<MountSpec> specs) throws IOException, InterruptedException {
        List<MountSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt(spec -> depth(spec.target())));
        Path secrets = secretsDirectory(sorted);
        List<OciSpec.Mount> mounts = new ArrayList<>();
        for (MountSpec spec : sorted) {
            mounts.add(mount(spec, secrets));
        }
        return mounts;
    }

    private OciSpec.Mount mount(MountSpec spec, Path secrets) throws IOException, InterruptedException {
        if (spec instanceof MountSpec.Bind bind) {
            return bind(bind);
        } else if (spec instanceof MountSpec.Cache cache) {
            return cache(cache);
        } else if (spec instanceof MountSpec.Tmpfs tmpfs) {
            return tmpfs(tmpfs);
        } else if (spec instanceof MountSpec.Secret secret) {
            return secret(secret, secrets);
        } else {
            return ssh((MountSpec.Ssh) spec);
        }
    }

    private OciSpec.Mount bind(MountSpec.Bind bind) throws IOException {
        Path source = bind.source().toAbsolutePath();
        if (!Files.exists(source)) {
            throw new ExecutorException("bind mount source " + source + " does not exist");
        }
        if (!bind.readWrite()) {
            return new OciSpec.Mount(bind.target(), "bind", source.toString(), List.of("rbind", "ro"));
        }
        Path dir = Files.createDirectories(runDir.resolve("binds").resolve(Integer.toString(counter++)));
        return new OciSpec.Mount(bind.target(), "bind", writableCopy(source, dir).toString(), List.of("rbind", "rw"));
    }

    /**
     * Where the step may write without touching the source: an overlay with a scratch upper
     * directory (instant), or, where overlay cannot be mounted or the source is a file, a copy.
     */
    private Path writableCopy(Path source, Path dir) throws IOException {
        if (Files.isDirectory(source)) {
            Path upper = Files.createDirectory(dir.resolve("upper"));
            Path work = Files.createDirectory(dir.resolve("work"));
            Path merged = Files.createDirectory(dir.resolve("merged"));
            try {
                OverlayMount.mount(List.of(source), upper, work, merged, OverlayMount.supportedFeatureOptions());
                cleanups.add(() -> Mounts.unmount(merged));
                return merged;
            } catch (IOException | StorageException overlayUnavailable) {
                // fall through to a copy
            }
        }
        Path copy = dir.resolve("copy");
        Commands.check(List.of("cp", "-a", "--reflink=auto", "--no-target-directory", source.toString(),
                copy.toString()));
        return copy;
    }

    private OciSpec.Mount cache(MountSpec.Cache cache) throws IOException, InterruptedException {
        CacheMounts.Lease lease = CacheMounts.acquire(cacheRoot, cache);
        cleanups.add(lease::close);
        return new OciSpec.Mount(cache.target(), "bind", lease.directory().toString(),
                List.of("rbind", cache.readOnly() ? "ro" : "rw"));
    }

    private static OciSpec.Mount tmpfs(MountSpec.Tmpfs tmpfs) {
        List<String> options = new ArrayList<>(List.of("nosuid", "nodev"));
        if (tmpfs.sizeBytes() > 0) {
            options.add("size=" + tmpfs.sizeBytes());
        }
        return new OciSpec.Mount(tmpfs.target(), "tmpfs", "tmpfs", options);
    }

    private OciSpec.Mount secret(MountSpec.Secret secret, Path secrets) throws IOException {
        Path file = secrets.resolve(Integer.toString(counter++));
        Files.write(file, secret.content());
        Files.setAttribute(file, "unix:uid", secret.uid());
        Files.setAttribute(file, "unix:gid", secret.gid());
        Files.setAttribute(file, "unix:mode", secret.mode() & 07777);
        return new OciSpec.Mount(secret.target(), "bind", file.toString(),
                List.of("rbind", "ro", "nosuid", "nodev", "noexec"));
    }

    private OciSpec.Mount ssh(MountSpec.Ssh ssh) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("ssh"));
        SshAgentProxy proxy = SshAgentProxy.start(dir.resolve(counter++ + ".sock"), ssh);
        cleanups.add(proxy::close);
        return new OciSpec.Mount(ssh.target(), "bind", proxy.socket().toString(), List.of("rbind", "rw"));
    }

    /** Secrets are written to a tmpfs of our own, never to disk, and vanish with it. */
    private Path secretsDirectory(List<MountSpec> specs) throws IOException {
        long total = 0;
        for (MountSpec spec : specs) {
            if (spec instanceof MountSpec.Secret secret) {
                total += secret.content().length + 4096;
            }
        }
        if (total == 0) {
            return null;
        }
        Path dir = Files.createDirectory(runDir.resolve("secrets"));
        Mounts.mount("tmpfs", dir, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV,
                "mode=0700,size=" + (total + SECRET_TMPFS_SLACK));
        cleanups.add(() -> Mounts.unmount(dir));
        return dir;
    }

    private static int depth(String target) {
        int depth = 0;
        for (String part : target.split("/")) {
            if (!part.isEmpty()) {
                depth++;
            }
        }
        return depth;
    }
}
