package dev.jbuild.cli.registry;

import dev.jbuild.builder.BuildEvent;
import dev.jbuild.builder.BuildListener;
import dev.jbuild.builder.BuildRequest;
import dev.jbuild.builder.BuildResult;
import dev.jbuild.builder.cache.CacheExport;
import dev.jbuild.builder.cache.CacheTransport;
import dev.jbuild.builder.cache.LocalCacheDirectory;
import dev.jbuild.builder.cache.SharedCache;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.build.CacheSpec;
import dev.jbuild.executor.CacheMountInfo;
import dev.jbuild.executor.CacheMountTransfer;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.executor.ExecutorLayout;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.platform.FileTrees;
import dev.jbuild.registry.ImagePusher;
import dev.jbuild.registry.PushOptions;
import dev.jbuild.registry.Registries;
import dev.jbuild.registry.RegistryBaseImages;
import dev.jbuild.registry.RegistryCache;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistryFileArtifact;
import dev.jbuild.registry.TransferEvent;
import dev.jbuild.registry.TransferListener;
import dev.jbuild.store.ImageStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What {@code build} does with registries, wired here so that the build command stays a list of
 * options: the registry as the builder's image source, {@code --cache-from} caches opened, and after
 * the build the pushes ({@code --push}, {@code --output type=registry}) and {@code --cache-to}.
 */
public final class BuildRemotes implements AutoCloseable {
    /** What {@code mounts=true} keeps beside a cache: 'jbuild cache export' as a tar. */
    private static final String MOUNTS_FILE = "cache-mounts.tar";
    private static final String MOUNTS_ARTIFACT_TYPE = "application/vnd.jbuild.cache.mounts.v1";
    private static final String MOUNTS_MEDIA_TYPE = "application/vnd.jbuild.cache.mounts.v1.tar";

    /** Opens the registries: reads the settings file and Docker's credentials. */
    @FunctionalInterface
    public interface Opener {
        Registries open() throws IOException;
    }

    private final ImageStore store;
    private final Opener opener;
    private final PrintStream err;
    /** Opened on first use: most builds (a cached rebuild, FROM scratch or a stored image) never need them. */
    private Registries registries;
    private RegistryBaseImages baseImages;

    public BuildRemotes(ImageStore store, Opener opener, PrintStream err) {
        this.store = store;
        this.opener = opener;
        this.err = err;
    }

    /**
     * FROM images the store lacks come from their registry; the caches to read from are opened. The
     * registries are opened only when a FROM first needs a pull, so that a build from stored images loads
     * none of the registry client (Jackson's object mapper alone is tens of milliseconds of start-up).
     */
    public void wire(BuildRequest.Builder request, List<CacheSpec> cacheFrom, BuildListener listener)
            throws IOException {
        request.baseImages(reference -> baseImages(listener).pull(reference));
        for (CacheSpec spec : cacheFrom) {
            request.cacheFrom(SharedCache.open(transport(spec), store,
                    message -> listener.on(new BuildEvent.Notice(message))));
            if (spec.mounts()) {
                importMounts(spec, listener);
            }
        }
    }

    /** {@code --cache-from ...,mounts=true}: the cache mounts exported beside the cache replace the store's. */
    private void importMounts(CacheSpec spec, BuildListener listener) throws IOException {
        Path dir = store.newTempDirectory("cache-mounts");
        try {
            Path tar = dir.resolve(MOUNTS_FILE);
            boolean found;
            if (spec.kind() == CacheSpec.Kind.REGISTRY) {
                found = mountsArtifact(spec).fetch(tar, MOUNTS_ARTIFACT_TYPE);
            } else {
                Path file = Path.of(spec.location()).resolve(MOUNTS_FILE);
                found = Files.isRegularFile(file);
                if (found) {
                    Files.copy(file, tar);
                }
            }
            if (!found) {
                listener.on(new BuildEvent.Notice("no cache mounts beside " + transport(spec).describe()));
                return;
            }
            for (CacheMountInfo info : mountTransfer().importFrom(tar)) {
                listener.on(new BuildEvent.Notice("imported cache mount " + info.id() + " from "
                        + transport(spec).describe()));
            }
        } catch (RegistryException | ExecutorException e) {
            throw new UserError("importing the cache mounts: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while importing the cache mounts", e);
        } finally {
            FileTrees.delete(dir);
        }
    }

    /** {@code --cache-to ...,mounts=true}: every cache mount, exported as 'jbuild cache export' does, beside the cache. */
    private int exportMounts(CacheSpec spec) throws IOException {
        Path dir = store.newTempDirectory("cache-mounts");
        try {
            Path tar = dir.resolve(MOUNTS_FILE);
            int count = mountTransfer().export(tar, List.of()).size();
            if (spec.kind() == CacheSpec.Kind.REGISTRY) {
                mountsArtifact(spec).push(tar, MOUNTS_ARTIFACT_TYPE, MOUNTS_MEDIA_TYPE);
            } else {
                Path target = Files.createDirectories(Path.of(spec.location())).resolve(MOUNTS_FILE);
                Path temp = target.resolveSibling(MOUNTS_FILE + ".tmp-" + ProcessHandle.current().pid());
                Files.copy(tar, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return count;
        } catch (ExecutorException e) {
            throw new UserError("exporting the cache mounts: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while exporting the cache mounts", e);
        } finally {
            FileTrees.delete(dir);
        }
    }

    private CacheMountTransfer mountTransfer() {
        return new CacheMountTransfer(new ExecutorLayout(store.root().resolve("executor")).caches());
    }

    /** The cache mounts of {@code REPO:TAG} live under {@code REPO:TAG-mounts}. */
    private RegistryFileArtifact mountsArtifact(CacheSpec spec) throws IOException {
        Reference ref = Reference.parse(spec.location());
        if (!ref.isTagged() || ref.isDigested()) {
            throw new UserError("mounts=true needs a cache ref with a tag (REPO:TAG), not " + spec.location());
        }
        return new RegistryFileArtifact(ref.withTag(ref.tag() + "-mounts"), registries(), store);
    }

    /** Stages build in parallel: the first to need a pull opens the registries, the others use them. */
    private synchronized RegistryBaseImages baseImages(BuildListener listener) throws IOException {
        if (baseImages == null) {
            TransferListener notices = event -> {
                if (event instanceof TransferEvent.Notice notice) {
                    listener.on(new BuildEvent.Notice(notice.message()));
                }
            };
            baseImages = new RegistryBaseImages(store, registries(), notices);
        }
        return baseImages;
    }

    private synchronized Registries registries() throws IOException {
        if (registries == null) {
            registries = opener.open();
        }
        return registries;
    }

    /** Pushes the built image as {@code name}, with plain progress lines unless {@code quiet}. */
    public void push(BuildResult result, String name, boolean quiet) throws IOException {
        try {
            TransferListener progress = quiet ? TransferListener.NONE : new TransferProgress(err, false);
            new ImagePusher(store, registries(), progress).push(result.image().id().value(), Reference.parse(name),
                    PushOptions.defaults());
        } catch (RegistryException e) {
            throw new UserError("pushing " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code --cache-to}. */
    public void exportCache(BuildResult result, CacheSpec spec, BuildRequest request, boolean quiet)
            throws IOException {
        try {
            int steps = CacheExport.export(result.cacheEntries(), result.image().diffIds(), spec.mode(), store,
                    transport(spec), request.cacheFrom());
            if (!quiet) {
                err.println("exported " + steps + " cached steps to " + transport(spec).describe());
            }
            if (spec.mounts()) {
                int mounts = exportMounts(spec);
                if (!quiet) {
                    err.println("exported " + mounts + " cache mounts beside " + transport(spec).describe());
                }
            }
        } catch (RegistryException e) {
            throw new UserError("exporting the build cache: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (registries != null) {
            registries.close();
        }
    }

    private CacheTransport transport(CacheSpec spec) throws IOException {
        return switch (spec.kind()) {
            case REGISTRY -> new RegistryCache(Reference.parse(spec.location()), registries(), TransferListener.NONE);
            case LOCAL -> new LocalCacheDirectory(Path.of(spec.location()));
        };
    }
}
