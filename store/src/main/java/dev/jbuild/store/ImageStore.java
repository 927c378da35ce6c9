package dev.jbuild.store;

import dev.jbuild.imagespec.Compression;
import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.imagespec.InvalidImageException;
import dev.jbuild.imagespec.InvalidReferenceException;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The image store under one root directory: blobs, references, snapshots and the images they make
 * up. The entry point for the builder, the executor, save/load and the CLI.
 *
 * <p>Writes go blobs first, then the manifest, then the reference table, so a process killed at any
 * point leaves either the old table or the new one, and every image the table names complete.
 * Open once per process and close when done: closing removes this process's temp area.
 */
public final class ImageStore implements AutoCloseable {
    private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{1,64}");
    private static final String DIGEST_PREFIX = Digest.ALGORITHM + ":";

    private final StoreLayout layout;
    private final StoreOptions options;
    private final StoreLock lock;
    private final StoreSession session;
    private final BlobStore blobs;
    private final TableFile table;
    private final ReferenceStore references;
    private final CompressedBlobCache compressed;
    private final LayerStore layers;
    private final LayerSizes layerSizes;
    private final Referrers referrers;
    private final Map<Digest, Manifest> manifestCache = new ConcurrentHashMap<>();
    private final Map<Digest, ImageConfig> configCache = new ConcurrentHashMap<>();

    private ImageStore(StoreLayout layout, StoreOptions options, StoreLock lock, StoreSession session) {
        this.layout = layout;
        this.options = options;
        this.lock = lock;
        this.session = session;
        this.blobs = new BlobStore(layout, session, lock, options);
        this.table = new TableFile(layout, session, lock, options);
        this.references = new ReferenceStore(table, blobs);
        this.compressed = new CompressedBlobCache(layout, session, blobs);
        this.layerSizes = new LayerSizes(layout, session, blobs, compressed);
        this.layers = new LayerStore(layout, session, lock, options, blobs, compressed, layerSizes);
        this.referrers = new Referrers(layout.referrersDir(), blobs);
    }

    public static ImageStore open(Path root) throws IOException {
        return open(root, StoreOptions.defaults());
    }

    /** Opens (creating if needed) the store at {@code root}. */
    public static ImageStore open(Path root, StoreOptions options) throws IOException {
        StoreLayout layout = StoreLayout.at(root);
        Files.createDirectories(layout.blobsDir());
        Files.createDirectories(layout.snapshotsDir());
        Files.createDirectories(layout.tmpDir());
        StoreLock lock = StoreLock.acquire(layout.lockFile());
        ImageStore store;
        try {
            store = new ImageStore(layout, options, lock, StoreSession.start(layout));
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e;
        }
        try {
            if (SnapshotMigration.needed(layout)) {
                try (StoreLock.Held held = lock.exclusive(options)) {
                    new SnapshotMigration(layout, store.session).run();
                }
            }
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path root() {
        return layout.root();
    }

    /** Where everything under the root lives. */
    public StoreLayout layout() {
        return layout;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public ReferenceStore references() {
        return references;
    }

    public LayerStore layers() {
        return layers;
    }

    /** Artifacts (SBOMs) that refer to images. */
    public Referrers referrers() {
        return referrers;
    }

    public CompressedBlobCache compressedCache() {
        return compressed;
    }

    /** Layer sizes as Docker counts them, recorded when an image is stored. */
    public LayerSizes layerSizes() {
        return layerSizes;
    }

    /** A manifest blob, read, verified and parsed (cached: blobs never change). */
    public Manifest manifest(Digest digest) throws IOException {
        Manifest cached = manifestCache.get(digest);
        if (cached == null) {
            cached = Manifest.parse(blobs.read(digest));
            manifestCache.put(digest, cached);
        }
        return cached;
    }

    /** A config blob, read, verified and parsed (cached). */
    public ImageConfig config(Digest digest) throws IOException {
        ImageConfig cached = configCache.get(digest);
        if (cached == null) {
            cached = ImageConfig.parse(blobs.read(digest));
            configCache.put(digest, cached);
        }
        return cached;
    }

    /**
     * Stores an image: the config (canonical JSON), an OCI manifest over {@code layers} (blobs
     * already in the store, bottom first), and the tags. Tags that named another image move here;
     * that image stays, untagged, until pruned.
     *
     * @throws InvalidImageException when layers and diff IDs do not match
     * @throws InvalidReferenceException for a bad tag, or one with a digest
     */
    public ImageRecord writeImage(ImageConfig config, List<Descriptor> layerBlobs, List<String> tags)
            throws IOException {
        List<Reference> refs = new ArrayList<>();
        for (String tag : tags) {
            refs.add(tagReference(tag));
        }
        List<Digest> diffIds = config.diffIds();
        if (diffIds.size() != layerBlobs.size()) {
            throw new InvalidImageException("the config lists " + diffIds.size() + " diff_ids for " + layerBlobs.size()
                    + " layers");
        }
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor layer = layerBlobs.get(i);
            if (MediaTypes.layerCompression(layer.mediaType()) == Compression.NONE
                    && !layer.digest().equals(diffIds.get(i))) {
                throw new InvalidImageException("layer " + i + " is uncompressed but its digest " + layer.digest()
                        + " is not its diff_id " + diffIds.get(i));
            }
        }
        for (int i = 0; i < diffIds.size(); i++) {
            layerSizes.size(diffIds.get(i), layerBlobs.get(i));
        }
        byte[] configJson = config.toJson();
        Manifest manifest = Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, Digest.of(configJson), configJson.length),
                layerBlobs);
        byte[] manifestJson = manifest.toJson();
        // Layers first, as every image is committed (see package-info). An image whose manifest the store
        // has was committed before, its layers synced then: a fully cached rebuild needs no sync.
        if (!blobs.has(Digest.of(manifestJson))) {
            blobs.splits().makeDurable(diffIds);
        }
        blobs.put(configJson, MediaTypes.OCI_CONFIG);
        Descriptor manifestBlob = blobs.put(manifestJson, MediaTypes.OCI_MANIFEST);
        return commit(manifestBlob.digest(), manifest, refs);
    }

    public ImageRecord writeImage(ImageConfig config, List<Descriptor> layerBlobs, String... tags) throws IOException {
        return writeImage(config, layerBlobs, List.of(tags));
    }

    /**
     * Registers an image whose manifest, config and layer blobs are already in the store (what
     * {@code load} does after writing the blobs it verified), with the given references.
     */
    public ImageRecord addImage(Digest manifestDigest, Collection<Reference> refs) throws IOException {
        return addImages(Map.of(manifestDigest, refs)).get(0);
    }

    /**
     * Registers several images in one step: either all of them and all their references appear, or
     * (on any missing or invalid part) none does. For {@code load}, which must load nothing when one
     * image of an archive is broken.
     *
     * @param images manifest digest → references to point at it
     * @return the images, in the map's iteration order
     */
    public List<ImageRecord> addImages(Map<Digest, ? extends Collection<Reference>> images) throws IOException {
        Map<Digest, Manifest> manifests = new java.util.LinkedHashMap<>();
        for (Digest manifestDigest : images.keySet()) {
            manifests.put(manifestDigest, checkedImage(manifestDigest, images.get(manifestDigest)));
        }
        StoreTable after = table.update(current -> {
            StoreTable next = current;
            for (Map.Entry<Digest, Manifest> entry : manifests.entrySet()) {
                requireParts(entry.getKey(), entry.getValue());
                next = next.withImage(entry.getKey());
                for (Reference ref : images.get(entry.getKey())) {
                    next = next.withReference(ref, entry.getKey());
                }
            }
            return next;
        });
        List<ImageRecord> out = new ArrayList<>();
        for (Digest manifestDigest : manifests.keySet()) {
            out.add(record(manifestDigest, after));
        }
        return out;
    }

    /** An image about to be registered: its parts fit together and its references can be stored. */
    private Manifest checkedImage(Digest manifestDigest, Collection<Reference> refs) throws IOException {
        Manifest manifest = manifest(manifestDigest);
        ImageConfig config = config(manifest.config().digest());
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new InvalidImageException("image " + manifest.config().digest().shortId() + ": the config lists "
                    + config.diffIds().size() + " diff_ids for " + manifest.layers().size() + " layers");
        }
        for (Reference ref : refs) {
            if (!ref.isTagged() && !ref.isDigested()) {
                throw new InvalidReferenceException(ref.toString(), "a reference needs a tag or a digest");
            }
        }
        for (Digest diffId : config.diffIds()) {
            layerSizes.recordIfCheap(diffId);
        }
        return manifest;
    }

    /**
     * Registers an image pulled as the {@code platform} entry of the image index {@code index} (whose
     * document is already a blob of the store): each reference records the index and which of its
     * platforms' images the store holds. A reference points at this machine's platform whenever the store
     * holds that one, so pulling another platform adds it under the name without changing what the name
     * runs or saves; it is reached with {@code --platform} ({@link #image(String, Platform)}). A name
     * pulled from another index than before (the tag moved in the registry) forgets the old one's platforms.
     */
    public ImageRecord addPulledImage(Digest manifestDigest, Collection<Reference> refs, Digest index, Platform platform)
            throws IOException {
        Manifest manifest = checkedImage(manifestDigest, refs);
        StoreTable after = table.update(current -> {
            requireParts(manifestDigest, manifest);
            requireBlob(index);
            StoreTable next = current;
            for (Reference ref : refs) {
                PulledIndex before = next.indexOf(ref);
                PulledIndex pulled = (before != null && before.index().equals(index) ? withoutMissing(before)
                        : new PulledIndex(index, new TreeMap<>())).with(platform, manifestDigest);
                Digest target = pulled.manifestFor(Platform.host()).orElse(manifestDigest);
                Digest previous = next.references().get(StoreTable.key(ref));
                next = next.withReference(ref, target).withIndex(ref, pulled);
                if (previous != null && !previous.equals(target) && pulled.platforms().containsValue(previous)
                        && next.referencesTo(previous).isEmpty()) {
                    next = next.withoutImage(previous); // reached through the index now, not a dangling image
                }
            }
            return next;
        });
        return record(manifestDigest, after);
    }

    /** The index without platforms whose manifest is gone (a collector that did not know indexes ran). */
    private PulledIndex withoutMissing(PulledIndex index) {
        TreeMap<String, Digest> present = new TreeMap<>(index.platforms());
        present.values().removeIf(manifest -> !blobs.has(manifest));
        return new PulledIndex(index.index(), present);
    }

    private ImageRecord commit(Digest manifestDigest, Manifest manifest, Collection<Reference> refs)
            throws IOException {
        StoreTable after = table.update(current -> {
            requireParts(manifestDigest, manifest);
            StoreTable next = current.withImage(manifestDigest);
            for (Reference ref : refs) {
                next = next.withReference(ref, manifestDigest);
            }
            return next;
        });
        return record(manifestDigest, after);
    }

    /** Checked under the exclusive lock, so that no collector can remove a part between the check and the commit. */
    private void requireParts(Digest manifestDigest, Manifest manifest) {
        requireBlob(manifestDigest);
        requireBlob(manifest.config().digest());
        // A non-distributable layer may stay a reference to its URLs, as registries keep it.
        manifest.layers().stream().filter(layer -> !MediaTypes.isNonDistributable(layer.mediaType()))
                .forEach(layer -> requireBlob(layer.digest()));
    }

    private void requireBlob(Digest digest) {
        if (!blobs.has(digest)) {
            throw new BlobNotFoundException(digest);
        }
    }

    /**
     * Finds an image the way Docker does: a full ID ({@code sha256:<hex>} or the 64 hex alone), else
     * a reference ({@code busybox} meaning {@code busybox:latest}, {@code name:tag}, {@code name@digest}),
     * else an ID prefix.
     *
     * @throws ImageNotFoundException when nothing matches
     * @throws AmbiguousReferenceException when an ID prefix matches several images
     * @throws InvalidReferenceException when the text is neither an ID nor a reference
     */
    public ImageRecord image(String query) throws IOException {
        return lookup(query, table.read()).image();
    }

    /**
     * The image {@code query} stands for, of {@code platform}: for a name pulled from an image index, that
     * platform's image when the store holds it; otherwise the image the query finds, if it is of that platform.
     *
     * @throws PlatformNotPresentException when the store holds no image of that platform under the query
     */
    public ImageRecord image(String query, Platform platform) throws IOException {
        StoreTable current = table.read();
        Match match = lookup(query, current);
        PulledIndex pulled = match.reference() == null ? null : current.indexOf(match.reference());
        if (pulled != null) {
            Optional<Digest> entry = pulled.manifestFor(platform).filter(blobs::has);
            if (entry.isPresent()) {
                return record(entry.get(), current);
            }
            throw new PlatformNotPresentException(query, platform, withoutMissing(pulled).present());
        }
        Platform own = match.image().config().platform();
        if (PlatformMatch.matches(own, platform)) {
            return match.image();
        }
        throw new PlatformNotPresentException(query, platform, List.of(own.toString()));
    }

    /** The image index {@code query} (a name) was pulled from, and which of its platforms the store holds. */
    public Optional<PulledIndex> pulledIndex(String query) throws IOException {
        StoreTable current = table.read();
        Match match = lookup(query, current);
        return Optional.ofNullable(match.reference() == null ? null : current.indexOf(match.reference()));
    }

    /** The image with this manifest digest. */
    public ImageRecord imageByManifest(Digest manifestDigest) throws IOException {
        StoreTable current = table.read();
        if (!current.images().contains(manifestDigest)) {
            throw new ImageNotFoundException(manifestDigest.value());
        }
        return record(manifestDigest, current);
    }

    /** Every image whose parts can be read, newest first. Broken ones are left to {@link #check()}. */
    public List<ImageRecord> list() throws IOException {
        StoreTable current = table.read();
        List<ImageRecord> out = new ArrayList<>();
        for (Digest manifestDigest : current.images()) {
            try {
                out.add(record(manifestDigest, current));
            } catch (BlobNotFoundException | BlobCorruptedException | InvalidImageException e) {
                // skipped; system check names it
            }
        }
        out.sort(Comparator.comparing((ImageRecord r) -> r.config().created(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(ImageRecord::id));
        return out;
    }

    /**
     * Points the reference {@code target} at the image {@code source} names (Docker's {@code tag}).
     *
     * @return the image, with its new reference
     */
    public ImageRecord tag(String source, String target) throws IOException {
        Reference ref = tagReference(target);
        StoreTable current = table.read();
        Match match = lookup(source, current);
        Digest manifestDigest = match.image().manifestDigest();
        // As Docker's containerd store tags the index: the new name reaches every platform the old one did.
        PulledIndex pulled = match.reference() == null ? null : current.indexOf(match.reference());
        references.tag(ref, manifestDigest, pulled);
        return imageByManifest(manifestDigest);
    }

    private static Reference tagReference(String text) {
        Reference ref = Reference.parse(text);
        if (ref.isDigested()) {
            throw new InvalidReferenceException(text, "refusing to create a tag with a digest reference");
        }
        return ref;
    }

    /**
     * Docker's {@code rmi}: by reference, untags it (and the digest references of the same
     * repository when no tag of it is left) and deletes the image when nothing names it any more; by
     * ID, untags everything and deletes the image, refusing without {@code force} when it is tagged in
     * more than one repository. Blobs and snapshots only the deleted image used are freed at once.
     */
    public RemoveResult remove(String query, boolean force) throws IOException {
        return remove(query, force, Set.of());
    }

    /**
     * As {@link #remove(String, boolean)}, keeping the blobs in {@code alsoKeep} even when no image
     * needs them any more: the layers the build cache's records still use, so that, as with Docker,
     * removing an image does not make its build steps run again.
     */
    public RemoveResult remove(String query, boolean force, Set<Digest> alsoKeep) throws IOException {
        return table.exclusively(() -> {
            StoreTable current = table.read();
            Match match = lookup(query, current);
            ImageRecord image = match.image();
            StoreTable next = current;
            List<String> untagged = new ArrayList<>();
            Set<Digest> doomed = new TreeSet<>();
            if (match.reference() != null) {
                Reference ref = match.reference();
                next = next.withoutReference(ref);
                untagged.add(ref.familiarString());
                List<Reference> remaining = next.referencesTo(image.manifestDigest());
                boolean tagOfRepoLeft = remaining.stream().anyMatch(r -> !r.isDigested() && r.name().equals(ref.name()));
                if (!ref.isDigested() && !tagOfRepoLeft) {
                    for (Reference r : remaining) {
                        if (r.isDigested() && r.name().equals(ref.name())) {
                            next = next.withoutReference(r);
                            untagged.add(r.familiarString());
                        }
                    }
                }
                if (next.referencesTo(image.manifestDigest()).isEmpty()) {
                    doomed.add(image.manifestDigest());
                }
            } else {
                List<Digest> sameId = manifestsWithId(image.id(), current);
                List<Reference> refs = new ArrayList<>();
                sameId.forEach(m -> refs.addAll(current.referencesTo(m)));
                long repositories = refs.stream().map(Reference::name).distinct().count();
                if (!force && repositories > 1) {
                    throw new ImageConflictException("conflict: unable to delete " + image.shortId()
                            + " (must be forced) - image is referenced in multiple repositories");
                }
                for (Reference r : refs) {
                    next = next.withoutReference(r);
                    untagged.add(r.familiarString());
                }
                doomed.addAll(sameId);
            }
            List<ImageRecord> doomedImages = new ArrayList<>();
            for (Digest manifestDigest : doomed) {
                doomedImages.add(record(manifestDigest, current));
                next = next.withoutImage(manifestDigest);
            }
            StoreTable result = next;
            table.update(ignored -> result);
            List<Digest> deleted = new ArrayList<>();
            if (!doomed.isEmpty() && manifestsWithId(image.id(), result).isEmpty()) {
                deleted.add(image.id());
            }
            Set<Digest> droppedIndexes = new TreeSet<>();
            current.indexes().values().forEach(index -> droppedIndexes.add(index.index()));
            result.indexes().values().forEach(index -> droppedIndexes.remove(index.index()));
            doomedImages.addAll(unreachedPlatformImages(current, result, doomed));
            collect(doomedImages, droppedIndexes, result, alsoKeep);
            return new RemoveResult(untagged, deleted);
        });
    }

    /** The other platforms' images of the names {@code rmi} removed, which nothing in {@code after} reaches. */
    private List<ImageRecord> unreachedPlatformImages(StoreTable before, StoreTable after, Set<Digest> doomed)
            throws IOException {
        List<ImageRecord> out = new ArrayList<>();
        for (Digest platformImage : before.platformImages()) {
            if (doomed.contains(platformImage) || after.images().contains(platformImage)
                    || after.platformImages().contains(platformImage) || !blobs.has(platformImage)) {
                continue;
            }
            try {
                out.add(record(platformImage, before));
            } catch (StoreException | ImageSpecException e) {
                // unreadable: prune takes what is left of it
            }
        }
        return out;
    }

    /** Frees the blobs and snapshots of removed images that nothing else keeps. Caller holds the exclusive lock. */
    private void collect(List<ImageRecord> removed, Set<Digest> droppedIndexes, StoreTable remaining,
                         Set<Digest> alsoKeep) throws IOException {
        if (removed.isEmpty() && droppedIndexes.isEmpty()) {
            return;
        }
        Reachability reach = Reachability.of(remaining, this);
        reach.keep(alsoKeep, this); // with the snapshot that holds a layer kept as a tar split
        FileTime since = Reachability.protectedSince(layout, session);
        Set<Digest> candidates = new LinkedHashSet<>(droppedIndexes);
        Set<Digest> chains = new LinkedHashSet<>();
        for (ImageRecord image : removed) {
            if (!remaining.images().contains(image.manifestDigest())) {
                referrers.forget(image.manifestDigest()); // its SBOM goes with it; prune takes the blobs
            }
            candidates.add(image.manifestDigest());
            candidates.add(image.id());
            image.manifest().layers().forEach(layer -> candidates.add(layer.digest()));
            candidates.addAll(image.diffIds());
            if (!image.diffIds().isEmpty()) {
                chains.addAll(LayerStore.chainIds(image.diffIds()));
            }
        }
        for (Compression compression : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
            Map<Digest, Digest> mappings = compressed.mappings(compression);
            for (Digest source : new ArrayList<>(candidates)) {
                Digest variant = mappings.get(source);
                if (variant != null && !reach.blobs.contains(source)) {
                    candidates.add(variant);
                    Files.deleteIfExists(layout.compressedMapping(compression, source));
                }
            }
        }
        for (Digest blob : candidates) {
            Path file = layout.blob(blob);
            Path mapping = layout.splitMapping(blob);
            // a layer kept as a split has no blob file: its mapping is what a live build wrote or touched
            if (!reach.blobs.contains(blob) && !Reachability.isProtected(file, since)
                    && !Reachability.isProtected(mapping, since)) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(mapping);
            }
        }
        for (Digest chain : chains) {
            Path meta = layout.snapshot(chain).resolve(LayerStore.META);
            if (!reach.chains.contains(chain) && !Reachability.isProtected(meta, since)) {
                layers.deleteSnapshotLocked(chain);
            }
        }
    }

    /**
     * An image's manifest as it leaves the store (save, push) over the given layer blobs: the stored
     * manifest, byte for byte, when it names exactly those blobs, so that its digest (and any signature
     * of it) survives; else a new OCI manifest over them, not stored.
     *
     * @param stored whether {@code bytes} are the stored manifest blob
     */
    public record OutgoingManifest(String mediaType, byte[] bytes, Digest digest, boolean stored) {
        public Descriptor descriptor() {
            return new Descriptor(mediaType, digest, bytes.length);
        }
    }

    /** See {@link OutgoingManifest}. */
    public OutgoingManifest outgoingManifest(ImageRecord image, List<Descriptor> layerBlobs) throws IOException {
        List<Descriptor> stored = image.manifest().layers();
        boolean same = stored.size() == layerBlobs.size();
        for (int i = 0; same && i < stored.size(); i++) {
            same = stored.get(i).digest().equals(layerBlobs.get(i).digest());
        }
        if (same && blobs.touch(image.manifestDigest())) {
            String mediaType = image.manifest().mediaType().isEmpty() ? MediaTypes.OCI_MANIFEST
                    : image.manifest().mediaType();
            return new OutgoingManifest(mediaType, blobs.read(image.manifestDigest()), image.manifestDigest(), true);
        }
        Descriptor config = new Descriptor(MediaTypes.OCI_CONFIG, image.id(), image.manifest().config().size());
        byte[] json = Manifest.oci(config, layerBlobs).toJson();
        return new OutgoingManifest(MediaTypes.OCI_MANIFEST, json, Digest.of(json), false);
    }

    /** Verifies every blob, reference and image; see {@link StoreCheck}. */
    public StoreCheck.Report check() throws IOException {
        return new StoreCheck(this).run();
    }

    /** Removes untagged images and everything unreferenced; see {@link Prune}. */
    public Prune.Report prune() throws IOException {
        return prune(Prune.Options.everything());
    }

    /** Removes the untagged images the options select and everything nothing keeps; see {@link Prune}. */
    public Prune.Report prune(Prune.Options options) throws IOException {
        return new Prune(this, options).run();
    }

    /**
     * When the oldest other process that has this store open started, if there is one. Whatever it
     * wrote or touched since may be about to be referenced, so a collector of files the store does not
     * own (the builder's cache) spares what was modified at or after it, as {@link #prune} does.
     */
    public Optional<Instant> oldestOtherSessionStart() throws IOException {
        FileTime since = Reachability.protectedSince(layout, session);
        return since == null ? Optional.empty() : Optional.of(since.toInstant());
    }

    /**
     * Held by a build for as long as it runs, by any number of builds at once; {@link #prune} waits until
     * none is held. A build takes cache records, diff directories and blobs as it finds them, with no
     * reference a collector could see, so it is the one thing a prune must not run beside.
     */
    public BuildHold holdForBuild() throws IOException {
        return holdBuildLock(true);
    }

    /** This process's share of the build lock; see {@link #holdForBuild}. */
    public interface BuildHold extends AutoCloseable {
        @Override
        void close();
    }

    /** The build lock, shared (a build) or alone (a prune); it is opened only by those who need it. */
    BuildHold holdBuildLock(boolean shared) throws IOException {
        StoreLock builds = StoreLock.acquireBuildLock(layout.buildsLockFile());
        StoreLock.Held held;
        try {
            held = shared ? builds.shared(options) : builds.exclusive(options);
        } catch (RuntimeException e) {
            builds.release();
            throw e;
        }
        return () -> {
            try {
                held.close();
            } finally {
                try {
                    builds.release();
                } catch (IOException ignored) {
                    // closing the lock file's channel; the lock itself is already released
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } finally {
            lock.release();
        }
    }

    // ---- lookup

    /** An image found by {@link #lookup}, and the reference it was found by (null when found by ID). */
    private record Match(ImageRecord image, Reference reference) {
    }

    private Match lookup(String query, StoreTable current) throws IOException {
        if (query.startsWith(DIGEST_PREFIX)) {
            String hex = query.substring(DIGEST_PREFIX.length());
            if (!HEX_PREFIX.matcher(hex).matches()) {
                throw new InvalidReferenceException(query, "invalid reference format");
            }
            return byIdPrefix(hex, query, current)
                    .or(() -> byManifestDigest(hex, current))
                    .orElseThrow(() -> new ImageNotFoundException(query));
        }
        if (Digest.isHex(query)) {
            return byIdPrefix(query, query, current).orElseThrow(() -> new ImageNotFoundException(query));
        }
        Reference ref = Reference.parse(query);
        Digest manifestDigest = current.references().get(StoreTable.key(ref));
        if (manifestDigest != null && current.images().contains(manifestDigest)) {
            return new Match(record(manifestDigest, current), ref);
        }
        if (HEX_PREFIX.matcher(query).matches()) {
            Optional<Match> byId = byIdPrefix(query, query, current);
            if (byId.isPresent()) {
                return byId.get();
            }
            // what looks like an ID is named as given, not as the name it would also be (abc123:latest)
            throw new ImageNotFoundException(query);
        }
        throw new ImageNotFoundException(ref.familiarString());
    }

    private Optional<Match> byIdPrefix(String hexPrefix, String query, StoreTable current) throws IOException {
        TreeMap<Digest, List<Digest>> byId = new TreeMap<>();
        for (Digest manifestDigest : current.images()) {
            Digest id;
            try {
                id = manifest(manifestDigest).config().digest();
            } catch (StoreException | ImageSpecException e) {
                continue;
            }
            if (id.hex().startsWith(hexPrefix)) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(manifestDigest);
            }
        }
        if (byId.isEmpty()) {
            return Optional.empty();
        }
        if (byId.size() > 1) {
            throw new AmbiguousReferenceException(query, List.copyOf(byId.keySet()));
        }
        // Several manifests may share a config; the most referenced one stands for the image.
        List<Digest> manifests = byId.firstEntry().getValue();
        manifests.sort(Comparator.comparingInt((Digest m) -> current.referencesTo(m).size()).reversed()
                .thenComparing(Comparator.naturalOrder()));
        return Optional.of(new Match(record(manifests.get(0), current), null));
    }

    private Optional<Match> byManifestDigest(String hex, StoreTable current) {
        if (!Digest.isHex(hex)) {
            return Optional.empty();
        }
        Digest manifestDigest = Digest.ofHex(hex);
        if (!current.images().contains(manifestDigest)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Match(record(manifestDigest, current), null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Digest> manifestsWithId(Digest id, StoreTable current) {
        List<Digest> out = new ArrayList<>();
        for (Digest manifestDigest : current.images()) {
            try {
                if (manifest(manifestDigest).config().digest().equals(id)) {
                    out.add(manifestDigest);
                }
            } catch (StoreException | ImageSpecException | IOException e) {
                // unreadable: not this image
            }
        }
        return out;
    }

    private ImageRecord record(Digest manifestDigest, StoreTable current) throws IOException {
        Manifest manifest = manifest(manifestDigest);
        ImageConfig config = config(manifest.config().digest());
        return new ImageRecord(manifest.config().digest(), manifestDigest, manifest, config,
                current.namesOf(manifestDigest));
    }

    // ---- for StoreCheck, Prune, importer and exporter


    StoreSession session() {
        return session;
    }

    TableFile table() {
        return table;
    }

    /** How this store was opened (lock waits, whether unpacking keeps ownership). */
    public StoreOptions options() {
        return options;
    }

    /**
     * The temp areas of jbuild processes that died (a killed load, a killed build), and the temp files
     * outside the store they had registered ({@link #registerExternalTemp}): path and bytes of each.
     */
    public java.util.Map<Path, Long> deadTempAreas() throws IOException {
        java.util.Map<Path, Long> areas = new java.util.LinkedHashMap<>();
        for (TempAreas.Dead dead : TempAreas.dead(layout, session)) {
            areas.put(dead.area(), dead.bytes());
            dead.external().forEach(file -> areas.put(file, 0L));
        }
        return areas;
    }

    /**
     * Removes what {@link #deadTempAreas} lists; the next load (or prune, or {@code system check --repair})
     * does this, so that a killed one's hundreds of megabytes do not wait for a prune.
     *
     * @return the bytes freed
     */
    public long removeDeadTempAreas() throws IOException {
        long freed = 0;
        for (TempAreas.Dead dead : TempAreas.dead(layout, session)) {
            freed += TempAreas.remove(dead);
        }
        return freed;
    }

    /**
     * Records that this process writes {@code file} outside the store (a save's temp file beside its output),
     * so that when it is killed first, the file is removed with its temp area.
     */
    public void registerExternalTemp(Path file) throws IOException {
        TempAreas.register(session, file);
    }

    /**
     * A new, empty directory in this process's temp area, on the store's file system (so its contents
     * can be renamed into the store); removed with everything in it when the store is closed.
     */
    public Path newTempDirectory(String prefix) throws IOException {
        return session.newDirectory(prefix);
    }
}
