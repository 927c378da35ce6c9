package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.imagespec.Descriptor;
import dev.jbuild.imagespec.Digest;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.registry.testing.TestImages;
import dev.jbuild.registry.testing.TestIndexes;
import dev.jbuild.store.ImageRecord;
import dev.jbuild.store.PlatformNotPresentException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several platforms of one image index under one name, as Docker's containerd image store keeps them:
 * the name runs this machine's platform, {@code --platform} reaches the others, and the collector keeps
 * what a name still reaches.
 */
class PlatformIndexTest extends TwoMachinesTest {
    static final Platform HOST = Platform.host();
    static final Platform OTHER = HOST.architecture().equals("arm64") ? new Platform("amd64", "linux")
            : new Platform("arm64", "linux");

    ImageRecord host;
    ImageRecord other;
    Digest index;
    String name;

    @BeforeEach
    void pushIndex() throws Exception {
        host = TestImages.layered(first, scratch, HOST, 2, 2000, 71, "app:host");
        other = TestImages.layered(first, scratch, OTHER, 2, 2000, 72, "app:other");
        Descriptor hostEntry = TestIndexes.pushEntry(first, registries, "app:host", registry.host(), "multi", HOST);
        Descriptor otherEntry = TestIndexes.pushEntry(first, registries, "app:other", registry.host(), "multi", OTHER);
        index = TestIndexes.putIndex(registries, registry.host(), "multi", "1", List.of(hostEntry, otherEntry));
        name = registry.host() + "/multi:1";
    }

    private ImageRecord pull(Platform platform) throws Exception {
        return new ImagePuller(second, registries, TransferListener.NONE).pull(Reference.parse(name), platform).image();
    }

    /** Every blob an image of {@code second} is made of. */
    private List<Digest> partsOf(ImageRecord image) {
        List<Digest> parts = new ArrayList<>(List.of(image.manifestDigest(), image.id()));
        image.manifest().layers().forEach(layer -> parts.add(layer.digest()));
        return parts;
    }

    @Test
    void bothPlatformsLiveUnderOneNameWhichRunsThisMachines() throws Exception {
        ImageRecord otherPulled = pull(OTHER);
        assertEquals(other.id(), otherPulled.id());
        assertEquals(other.id(), second.image(name).id(), "the only platform present is what the name stands for");

        ImageRecord hostPulled = pull(HOST);
        assertEquals(host.id(), hostPulled.id());
        assertEquals(host.id(), second.image(name).id(), "the name runs this machine's platform");
        assertEquals(other.id(), second.image(name, OTHER).id(), "--platform reaches the other one");
        assertEquals(host.id(), second.image(name, HOST).id());
        assertEquals(List.of(host.id()), second.list().stream().map(ImageRecord::id).toList(),
                "one image listed: the other platform is no dangling <none> image");
        assertEquals(index, second.pulledIndex(name).orElseThrow().index());
        assertEquals(List.of(HOST.toString(), OTHER.toString()).stream().sorted().toList(),
                second.pulledIndex(name).orElseThrow().present());
        assertTrue(second.blobs().has(index), "the index document is kept as a blob");
        assertEquals(other.id(), second.image(registry.host() + "/multi@" + index.value(), OTHER).id(),
                "the digest reference reaches both platforms too");

        pull(OTHER);
        assertEquals(host.id(), second.image(name).id(), "pulling another platform again leaves the name alone");

        second.prune();
        ImageRecord kept = second.image(name, OTHER);
        for (Digest part : partsOf(kept)) {
            assertTrue(second.blobs().has(part), "prune keeps what the name reaches: " + part);
        }
        assertTrue(second.blobs().has(index));
        second.layers().diffs(kept); // its layers still unpack, each diff ID checked
        assertTrue(second.check().isClean(), second.check().problems().toString());

        PlatformNotPresentException missing = assertThrows(PlatformNotPresentException.class,
                () -> second.image(name, new Platform("s390x", "linux")));
        assertEquals(name + " has no linux/s390x image in the store (present: "
                + String.join(", ", second.pulledIndex(name).orElseThrow().present()) + "); get it with "
                + "'jbuild pull --platform linux/s390x " + name + "'", missing.getMessage());

        List<Digest> otherParts = partsOf(kept);
        second.remove(name, false);
        for (Digest part : otherParts) {
            assertFalse(second.blobs().has(part), "removing the name frees the other platform's image: " + part);
        }
        assertFalse(second.blobs().has(index), "and the index document");
        assertTrue(second.list().isEmpty());
        assertTrue(second.references().list().isEmpty(), "no reference left behind");
        assertTrue(second.check().isClean(), second.check().problems().toString());
    }

    @Test
    void aSecondNameKeepsThePlatformsAliveAndARetaggedNameLetsThemGo() throws Exception {
        pull(OTHER);
        pull(HOST);
        ImageRecord otherImage = second.image(name, OTHER);
        second.tag(name, "copy:1");
        assertEquals(other.id(), second.image("copy:1", OTHER).id(), "a tag reaches every platform, as Docker tags an index");

        second.remove(name, false);
        assertEquals(other.id(), second.image("copy:1", OTHER).id(), "still reachable through copy:1");
        for (Digest part : partsOf(otherImage)) {
            assertTrue(second.blobs().has(part), part.toString());
        }

        ImageRecord unrelated = TestImages.layered(second, scratch, 1, 100, 73, "unrelated:1");
        second.tag("unrelated:1", "copy:1");
        assertThrows(PlatformNotPresentException.class, () -> second.image("copy:1", OTHER),
                "copy:1 names an image of no index now");
        second.prune();
        for (Digest part : partsOf(otherImage)) {
            assertFalse(second.blobs().has(part), "nothing reaches it any more: " + part);
        }
        assertFalse(second.blobs().has(index));
        assertEquals(unrelated.id(), second.image("copy:1").id());
        assertTrue(second.check().isClean(), second.check().problems().toString());
    }

    @Test
    void aNameMovedToAnotherIndexForgetsTheOldOnesPlatforms() throws Exception {
        pull(OTHER);
        pull(HOST);
        ImageRecord oldOther = second.image(name, OTHER);
        ImageRecord newer = TestImages.layered(first, scratch, HOST, 1, 500, 74, "app:newer");
        Descriptor newerEntry = TestIndexes.pushEntry(first, registries, "app:newer", registry.host(), "multi", HOST);
        Digest newIndex = TestIndexes.putIndex(registries, registry.host(), "multi", "1", List.of(newerEntry));

        pull(HOST);
        assertEquals(newer.id(), second.image(name).id());
        assertEquals(newIndex, second.pulledIndex(name).orElseThrow().index());
        assertEquals(List.of(HOST.toString()), second.pulledIndex(name).orElseThrow().present());
        assertThrows(PlatformNotPresentException.class, () -> second.image(name, OTHER));
        String oldDigestName = registry.host() + "/multi@" + index.value();
        assertEquals(other.id(), second.image(oldDigestName, OTHER).id(),
                "the old index's digest reference still reaches its platforms, as in Docker");
        second.prune();
        assertTrue(second.blobs().has(oldOther.manifestDigest()));
        second.remove(oldDigestName, false);
        assertFalse(second.blobs().has(oldOther.manifestDigest()), "the old index's platforms went with its name");
        assertFalse(second.blobs().has(index));
        assertEquals(newer.id(), second.image(name).id());
        assertTrue(second.check().isClean(), second.check().problems().toString());
    }
}
