package dev.jbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.JsonFields;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code jbuild system check}: reads every blob to its end and compares it with its name, follows
 * every reference to its manifest and every manifest to its config and layers, and looks at every
 * snapshot and compression mapping. Runs under the shared lock, so no collector deletes anything
 * while it looks; temp areas are not inspected (they are never part of the store's state).
 */
public final class StoreCheck {
    private final ImageStore store;
    private final StoreLayout layout;
    private final List<Problem> problems = new ArrayList<>();

    /** What kind of damage a problem is. */
    public enum Kind {
        /** A blob whose bytes do not hash to its name. */
        CORRUPT_BLOB,
        /** A blob an image needs is not there. */
        MISSING_BLOB,
        /** A manifest or config that does not parse, or whose parts do not fit together. */
        INVALID_CONTENT,
        /** A reference to something that is not an image of the store. */
        DANGLING_REFERENCE,
        /** references.json cannot be read. */
        UNREADABLE_TABLE,
        /** A snapshot directory without its record, or whose record names another chain. */
        BROKEN_SNAPSHOT,
        /** A compression mapping that cannot be read or names a missing blob. */
        BROKEN_MAPPING,
        /** A file where the store keeps only digests. */
        STRAY_FILE
    }

    /** One thing wrong, with the digest or name it concerns and a one-line message. */
    public record Problem(Kind kind, String subject, String message) {
    }

    /** All problems found, and how much was looked at. */
    public record Report(List<Problem> problems, int blobsChecked, int imagesChecked, int referencesChecked,
                         int snapshotsChecked) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean isClean() {
            return problems.isEmpty();
        }
    }

    StoreCheck(ImageStore store) {
        this.store = store;
        this.layout = store.layout();
    }

    Report run() throws IOException {
        return store.table().sharedly(this::checkAll);
    }

    private Report checkAll() throws IOException {
        StoreTable table;
        try {
            table = store.table().read();
        } catch (StoreCorruptedException e) {
            add(Kind.UNREADABLE_TABLE, layout.referencesFile().toString(), e.getMessage());
            table = StoreTable.empty();
        }
        Set<Digest> corrupt = new TreeSet<>();
        int blobCount = checkBlobs(corrupt);
        checkReferences(table);
        for (Digest manifest : table.images()) {
            checkImage(manifest, corrupt);
        }
        checkIndexes(table);
        for (Digest manifest : table.platformImages()) {
            if (!table.images().contains(manifest)) {
                checkImage(manifest, corrupt);
            }
        }
        int snapshotCount = checkSnapshots();
        checkMappings();
        return new Report(problems, blobCount, table.images().size(), table.references().size(), snapshotCount);
    }

    private int checkBlobs(Set<Digest> corrupt) throws IOException {
        int count = 0;
        try (Stream<Path> files = Files.list(layout.blobsDir())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!Digest.isHex(name) || !Files.isRegularFile(file)) {
                    add(Kind.STRAY_FILE, file.toString(), "unexpected entry in the blob store: " + file);
                    continue;
                }
                count++;
                Digest digest = Digest.ofHex(name);
                verifyBlob(digest, corrupt);
            }
        }
        if (Files.isDirectory(layout.splitMappingsDir())) {
            // layers kept as their snapshot and a tar split: reassembled, they must still be their digest
            try (Stream<Path> files = Files.list(layout.splitMappingsDir())) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (Digest.isHex(name) && !Files.exists(layout.blob(Digest.ofHex(name)))
                            && store.blobs().has(Digest.ofHex(name))) {
                        count++;
                        verifyBlob(Digest.ofHex(name), corrupt);
                    }
                }
            }
        }
        return count;
    }

    private void verifyBlob(Digest digest, Set<Digest> corrupt) throws IOException {
        Digest actual = store.blobs().verify(digest);
        if (actual != null) {
            corrupt.add(digest);
            add(Kind.CORRUPT_BLOB, digest.value(), new BlobCorruptedException(digest, actual).getMessage());
        }
    }

    private void checkReferences(StoreTable table) {
        table.references().forEach((key, manifest) -> {
            String shown = key;
            try {
                shown = Reference.parseNormalized(key).familiarString();
            } catch (InvalidReferenceException e) {
                add(Kind.DANGLING_REFERENCE, key, "reference " + key + " is not a valid reference: " + e.getMessage());
            }
            if (!table.images().contains(manifest)) {
                add(Kind.DANGLING_REFERENCE, shown, "reference " + shown + " points to " + manifest
                        + ", which is not an image of the store");
            } else if (!store.blobs().has(manifest)) {
                add(Kind.DANGLING_REFERENCE, shown, "reference " + shown + " points to missing manifest " + manifest);
            }
        });
    }

    /** The index a name was pulled from is kept as a blob, as the platforms' images are. */
    private void checkIndexes(StoreTable table) {
        table.indexes().forEach((key, index) -> {
            if (!store.blobs().has(index.index())) {
                add(Kind.MISSING_BLOB, index.index().value(), "image index " + index.index() + " of " + key + " is missing");
            }
            if (!table.references().containsKey(key)) {
                add(Kind.DANGLING_REFERENCE, key, "the index record of " + key + " has no reference");
            }
        });
    }

    private void checkImage(Digest manifestDigest, Set<Digest> corrupt) throws IOException {
        if (!store.blobs().has(manifestDigest)) {
            add(Kind.MISSING_BLOB, manifestDigest.value(), "image manifest " + manifestDigest + " is missing");
            return;
        }
        if (corrupt.contains(manifestDigest)) {
            return;
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(store.blobs().read(manifestDigest));
        } catch (InvalidImageException e) {
            add(Kind.INVALID_CONTENT, manifestDigest.value(), "manifest " + manifestDigest + ": " + e.getMessage());
            return;
        }
        Digest configDigest = manifest.config().digest();
        String image = "image " + configDigest.shortId();
        ImageConfig config = null;
        if (!store.blobs().has(configDigest)) {
            add(Kind.MISSING_BLOB, configDigest.value(), "config " + configDigest + " of " + image + " is missing");
        } else if (!corrupt.contains(configDigest)) {
            try {
                config = ImageConfig.parse(store.blobs().read(configDigest));
            } catch (InvalidImageException e) {
                add(Kind.INVALID_CONTENT, configDigest.value(), "config of " + image + ": " + e.getMessage());
            }
        }
        for (Descriptor layer : manifest.layers()) {
            if (!store.blobs().has(layer.digest()) && !MediaTypes.isNonDistributable(layer.mediaType())) {
                add(Kind.MISSING_BLOB, layer.digest().value(), "layer " + layer.digest() + " of " + image + " is missing");
            }
        }
        if (config != null) {
            List<Digest> diffIds = config.diffIds();
            if (diffIds.size() != manifest.layers().size()) {
                add(Kind.INVALID_CONTENT, configDigest.value(), image + " has " + manifest.layers().size()
                        + " layers but " + diffIds.size() + " diff_ids");
                return;
            }
            for (int i = 0; i < diffIds.size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                if (MediaTypes.layerCompression(layer.mediaType()) == Compression.NONE
                        && !layer.digest().equals(diffIds.get(i))) {
                    add(Kind.INVALID_CONTENT, layer.digest().value(), "uncompressed layer " + layer.digest() + " of "
                            + image + " is not its diff_id " + diffIds.get(i));
                }
            }
        }
    }

    private int checkSnapshots() throws IOException {
        int count = 0;
        try (Stream<Path> dirs = Files.list(layout.snapshotsDir())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!Digest.isHex(name)) {
                    add(Kind.STRAY_FILE, dir.toString(), "unexpected entry among the snapshots: " + dir);
                    continue;
                }
                count++;
                Digest chain = Digest.ofHex(name);
                Path meta = dir.resolve(LayerStore.META);
                if (!Files.isRegularFile(meta) || !Files.isDirectory(dir.resolve(LayerStore.DIFF))) {
                    add(Kind.BROKEN_SNAPSHOT, chain.value(), "snapshot " + chain + " has no "
                            + LayerStore.META + " or no " + LayerStore.DIFF);
                    continue;
                }
                try {
                    JsonNode obj = JsonFields.object(Files.readAllBytes(meta), "snapshot record");
                    if (!chain.value().equals(JsonFields.text(obj, "chainId"))) {
                        add(Kind.BROKEN_SNAPSHOT, chain.value(), "snapshot " + chain + " records chain "
                                + JsonFields.text(obj, "chainId"));
                    }
                } catch (InvalidImageException e) {
                    add(Kind.BROKEN_SNAPSHOT, chain.value(), "snapshot " + chain + ": " + e.getMessage());
                }
            }
        }
        return count;
    }

    private void checkMappings() throws IOException {
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Path dir = layout.compressedDir(compression);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<Digest, Digest> readable = store.compressedCache().mappings(compression);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    Digest source = Digest.isHex(name) ? Digest.ofHex(name) : null;
                    if (source == null || !readable.containsKey(source)) {
                        add(Kind.BROKEN_MAPPING, file.toString(), "unreadable compression mapping " + file);
                    } else if (!store.blobs().has(readable.get(source))) {
                        add(Kind.BROKEN_MAPPING, source.value(), compression.label() + " variant "
                                + readable.get(source) + " of " + source + " is missing");
                    }
                }
            }
        }
    }

    private void add(Kind kind, String subject, String message) {
        problems.add(new Problem(kind, subject, message));
    }
}
