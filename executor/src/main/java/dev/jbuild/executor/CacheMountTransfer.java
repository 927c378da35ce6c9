package dev.jbuild.executor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jbuild.layertar.ApplyOptions;
import dev.jbuild.layertar.LayerApplier;
import dev.jbuild.layertar.LayerWriter;
import dev.jbuild.layertar.UnsafeEntryException;
import dev.jbuild.layertar.WriterOptions;
import dev.jbuild.platform.CacheSharing;
import dev.jbuild.platform.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code jbuild cache export} and {@code cache import}: the {@code RUN --mount=type=cache} directories
 * moved out of the store and back, so that an ephemeral CI runner can keep its apt, pip or maven
 * caches with its own cache step. The export is a directory or a tar of the same layout:
 * {@value #INDEX} (each cache's id, sharing mode, owner and mode, and its directory name) and one
 * directory per cache, its files with their owners, modes, links and xattrs. Each cache is read and
 * replaced while held exclusively, as a {@code sharing=locked} step would hold it, so neither side
 * sees a half-written cache.
 */
public final class CacheMountTransfer {
    static final String INDEX = "cache-mounts.json";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path cacheRoot;

    /** @param cacheRoot the executor's cache directory ({@link ExecutorLayout#caches()}) */
    public CacheMountTransfer(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** Every cache mount the store holds, in id order. */
    public List<CacheMountInfo> list() throws IOException {
        List<CacheMountInfo> out = new ArrayList<>();
        if (!Files.isDirectory(cacheRoot)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(cacheRoot)) {
            for (Path base : (Iterable<Path>) dirs::iterator) {
                CacheMountInfo info = CacheMountInfo.read(base);
                if (info == null && Files.isRegularFile(base.resolve(CacheMounts.ID_FILE))) {
                    info = new CacheMountInfo(Files.readString(base.resolve(CacheMounts.ID_FILE)).strip(),
                            CacheSharing.SHARED, 0, 0, 0755);
                }
                if (info != null && Files.isDirectory(base.resolve("0"))) {
                    out.add(info);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(CacheMountInfo::id));
        return out;
    }

    /**
     * Writes the caches named by {@code ids} (every cache when empty) to {@code target}: into it when it
     * is a directory (or ends with {@code /}), else as a tar file, written beside it and renamed.
     *
     * @throws ExecutorException when an id names no cache
     */
    public List<CacheMountInfo> export(Path target, Collection<String> ids) throws IOException, InterruptedException {
        List<CacheMountInfo> chosen = select(ids);
        boolean directory = Files.isDirectory(target) || target.toString().endsWith("/");
        Path staging = directory ? Files.createDirectories(target)
                : Files.createTempDirectory(cacheRoot.getParent() == null ? cacheRoot : cacheRoot.getParent(),
                        ".cache-export-");
        try {
            for (CacheMountInfo info : chosen) {
                Path into = staging.resolve(CacheMounts.directoryName(info.id()));
                FileTrees.delete(into);
                CacheMounts.exclusively(cacheRoot, spec(info), dir -> Commands.check(List.of("cp", "-a",
                        directory ? "--reflink=auto" : "-l", "--", dir.toString(), into.toString())));
            }
            Files.write(staging.resolve(INDEX), index(chosen));
            if (!directory) {
                writeTar(staging, target);
            }
            return chosen;
        } finally {
            if (!directory) {
                FileTrees.delete(staging);
            }
        }
    }

    /**
     * Puts every cache of an export ({@code source} a directory or a tar file) into the store, each
     * replacing the cache of the same id, with its sharing mode, owner and mode.
     */
    public List<CacheMountInfo> importFrom(Path source) throws IOException, InterruptedException {
        boolean directory = Files.isDirectory(source);
        Path staging = directory ? source : Files.createTempDirectory(Files.createDirectories(cacheRoot).getParent(),
                ".cache-import-");
        try {
            if (!directory) {
                try (InputStream in = Files.newInputStream(source)) {
                    LayerApplier.of(new ApplyOptions(true)).apply(in, staging);
                } catch (UnsafeEntryException e) {
                    throw new ExecutorException(source + " is not a cache export: " + e.getMessage());
                } catch (dev.jbuild.layertar.MalformedLayerException e) {
                    throw new ExecutorException(source + " is not a cache export: " + e.getMessage());
                }
            }
            Path indexFile = staging.resolve(INDEX);
            if (!Files.isRegularFile(indexFile)) {
                throw new ExecutorException(source + " is not a cache export: it has no " + INDEX);
            }
            List<CacheMountInfo> caches = parseIndex(Files.readAllBytes(indexFile), source);
            for (CacheMountInfo info : caches) {
                Path from = staging.resolve(CacheMounts.directoryName(info.id()));
                if (!Files.isDirectory(from)) {
                    throw new ExecutorException(source + " lists cache " + info.id() + " but does not hold it");
                }
            }
            Files.createDirectories(cacheRoot);
            for (CacheMountInfo info : caches) {
                Path from = staging.resolve(CacheMounts.directoryName(info.id()));
                CacheMounts.exclusively(cacheRoot, spec(info), dir -> {
                    FileTrees.deleteChildren(dir);
                    Commands.check(List.of("cp", "-a", "--reflink=auto", "--", from + "/.", dir.toString()));
                    Files.setAttribute(dir, "unix:uid", info.uid());
                    Files.setAttribute(dir, "unix:gid", info.gid());
                    Files.setAttribute(dir, "unix:mode", info.mode() & 07777);
                });
                CacheMountInfo.write(cacheRoot.resolve(CacheMounts.directoryName(info.id())), info);
            }
            return caches;
        } finally {
            if (!directory) {
                FileTrees.delete(staging);
            }
        }
    }

    private List<CacheMountInfo> select(Collection<String> ids) throws IOException {
        List<CacheMountInfo> all = list();
        if (ids.isEmpty()) {
            return all;
        }
        List<CacheMountInfo> chosen = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>(ids);
        for (String id : wanted) {
            CacheMountInfo found = all.stream().filter(info -> info.id().equals(id)).findFirst()
                    .orElseThrow(() -> new ExecutorException("no cache mount with id " + id + " in the store"));
            chosen.add(found);
        }
        return chosen;
    }

    private static MountSpec.Cache spec(CacheMountInfo info) {
        return new MountSpec.Cache(info.id(), "/", CacheSharing.LOCKED, info.uid(), info.gid(), info.mode(), false);
    }

    private static void writeTar(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".jbuild-" + Trees.randomId());
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                LayerWriter.of(WriterOptions.defaults()).writeDirectory(staging, out);
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] index(List<CacheMountInfo> caches) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("version", 1);
            json.writeArrayFieldStart("caches");
            for (CacheMountInfo info : caches) {
                json.writeRawValue(new String(info.toJson(), java.nio.charset.StandardCharsets.UTF_8));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static List<CacheMountInfo> parseIndex(byte[] bytes, Path source) throws IOException {
        List<CacheMountInfo> out = new ArrayList<>();
        try (JsonParser json = JSON.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new ExecutorException(source + ": " + INDEX + " is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("caches") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        ByteArrayOutputStream one = new ByteArrayOutputStream();
                        try (JsonGenerator copy = JSON.createGenerator(one)) {
                            copy.copyCurrentStructure(json);
                        }
                        out.add(CacheMountInfo.parse(one.toByteArray()));
                    }
                } else {
                    json.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExecutorException(source + ": " + INDEX + " is not valid JSON: " + e.getOriginalMessage());
        }
        return out;
    }
}
