package dev.jbuild.builder.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbuild.imagespec.CanonicalJson;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.store.ImageStore;
import dev.jbuild.imagespec.JsonTrees;
import dev.jbuild.imagespec.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code type=local,dest=DIR} / {@code src=DIR}: the cache artifact in an OCI image layout directory
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/}), as BuildKit's local cache keeps it,
 * for CI caches on a shared volume. Blobs are copied in through a temp name and renamed; index.json is
 * replaced last, so a reader sees the old cache or the new one.
 */
public final class LocalCacheDirectory implements CacheTransport {
    private final Path dir;

    public LocalCacheDirectory(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }

    @Override
    public Optional<byte[]> readManifest() throws IOException {
        byte[] index;
        try {
            index = Files.readAllBytes(dir.resolve("index.json"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonNode manifests = JsonTrees.read(index).path("manifests");
        if (!manifests.isArray() || manifests.isEmpty()) {
            return Optional.empty();
        }
        Descriptor manifest = Descriptor.fromJson(manifests.get(0), "cache index entry");
        byte[] bytes = Files.readAllBytes(blob(manifest.digest()));
        if (!Digest.of(bytes).equals(manifest.digest())) {
            throw new IOException("its manifest " + manifest.digest().shortId() + " is damaged");
        }
        return Optional.of(bytes);
    }

    @Override
    public void fetchBlob(Descriptor descriptor, ImageStore store) throws IOException {
        try (InputStream in = Files.newInputStream(blob(descriptor.digest()))) {
            store.blobs().put(in, descriptor.mediaType(), descriptor.digest(), descriptor.size());
        }
    }

    @Override
    public void write(List<Descriptor> blobs, byte[] manifest, ImageStore store) throws IOException {
        Files.createDirectories(dir.resolve("blobs").resolve(Digest.ALGORITHM));
        for (Descriptor descriptor : blobs) {
            Path target = blob(descriptor.digest());
            if (!Files.exists(target)) {
                Path temp = target.resolveSibling(".tmp-" + descriptor.digest().hex());
                try (InputStream in = store.blobs().open(descriptor)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING); // verified as it is read
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Digest digest = Digest.of(manifest);
        replace(blob(digest), manifest);
        replace(dir.resolve("oci-layout"), ("{\"imageLayoutVersion\":\"" + MediaTypes.OCI_LAYOUT_VERSION + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode index = CanonicalJson.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        ObjectNode entry = new Descriptor(MediaTypes.OCI_MANIFEST, digest, manifest.length).toJson();
        entry.put("artifactType", CacheDocument.ARTIFACT_TYPE);
        manifests.add(entry);
        replace(dir.resolve("index.json"), CanonicalJson.bytes(index));
    }

    private Path blob(Digest digest) {
        return dir.resolve("blobs").resolve(Digest.ALGORITHM).resolve(digest.hex());
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(".tmp-" + target.getFileName());
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
