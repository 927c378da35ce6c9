package dev.jbuild.store;

import dev.jbuild.imagespec.MediaTypes;
import dev.jbuild.imagespec.Reference;
import dev.jbuild.imagespec.Platform;
import dev.jbuild.imagespec.HistoryEntry;
import dev.jbuild.imagespec.ImageConfig;
import dev.jbuild.imagespec.Manifest;
import dev.jbuild.imagespec.Descriptor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/**
 * Layer sizes are what Docker shows: file contents, each inode once, symlinks their target's length,
 * directories, devices and whiteouts nothing; the same for the same layer however it was stored.
 */
class LayerSizesTest extends StoreTest {

    /** A layer tar of {@code entries}: name, type flag, size or link target. */
    private static byte[] tar(Object... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 3) {
                String name = (String) entries[i];
                byte type = (Byte) entries[i + 1];
                TarArchiveEntry entry = new TarArchiveEntry(name, type);
                if (type == TarConstants.LF_NORMAL) {
                    entry.setSize((Integer) entries[i + 2]);
                } else if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
                    entry.setLinkName((String) entries[i + 2]);
                }
                out.putArchiveEntry(entry);
                if (type == TarConstants.LF_NORMAL) {
                    out.write(new byte[(Integer) entries[i + 2]]);
                }
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static long size(byte[] tar) throws IOException {
        return LayerContentSize.of(new ByteArrayInputStream(tar));
    }

    @Test
    void aFileCountsItsBytesAndADirectoryNothing() throws IOException {
        assertEquals(30, size(tar("srv/", TarConstants.LF_DIR, 0, "srv/config.yml", TarConstants.LF_NORMAL, 30)));
    }

    /** WORKDIR's layer: Docker shows 0B, not the 1.02kB of its tar. */
    @Test
    void aLayerOfDirectoriesIsZero() throws IOException {
        assertEquals(0, size(tar("app/", TarConstants.LF_DIR, 0, "app/w/", TarConstants.LF_DIR, 0)));
        assertEquals(0, size(tar()));
    }

    @Test
    void hardLinksCountOnceAndSymlinksTheirTarget() throws IOException {
        assertEquals(1000 + "busybox".length(), size(tar(
                "bin/busybox", TarConstants.LF_NORMAL, 1000,
                "bin/sh", TarConstants.LF_LINK, "bin/busybox",
                "bin/ls", TarConstants.LF_LINK, "./bin/busybox",
                "bin/cat", TarConstants.LF_SYMLINK, "busybox")));
    }

    @Test
    void whiteoutsDevicesAndFifosCountNothing() throws IOException {
        assertEquals(5, size(tar(
                "etc/.wh.old", TarConstants.LF_NORMAL, 0,
                "var/.wh..wh..opq", TarConstants.LF_NORMAL, 0,
                "dev/null", TarConstants.LF_CHR, 0,
                "run/fifo", TarConstants.LF_FIFO, 0,
                "etc/new", TarConstants.LF_NORMAL, 5)));
    }

    /** The unpacked layer holds the last entry of a path; its earlier content is gone. */
    @Test
    void aPathWrittenTwiceCountsItsLastEntry() throws IOException {
        assertEquals(7, size(tar("a", TarConstants.LF_NORMAL, 100, "a", TarConstants.LF_NORMAL, 7)));
    }

    /** An uncompressed blob, a gzip blob and a directory import of the same layer: one size, recorded. */
    @Test
    void theSameLayerHasTheSameSizeHoweverItWasStored() throws IOException {
        byte[] layer = tar("srv/", TarConstants.LF_DIR, 0, "srv/a", TarConstants.LF_NORMAL, 30,
                "srv/b", TarConstants.LF_LINK, "srv/a");
        Descriptor plain = store.blobs().put(layer, MediaTypes.OCI_LAYER);
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(plain.digest(), new HistoryEntry(null, "COPY", "", "", false));
        ImageRecord fromPlain = store.writeImage(config, List.of(plain), "plain:latest");
        assertEquals(List.of(30L), store.layerSizes().of(fromPlain));
        assertEquals("30", Files.readString(root.resolve("layer-sizes").resolve(plain.digest().hex())));

        try (ImageStore other = ImageStore.open(scratch.resolve("other"))) {
            ByteArrayOutputStream gzip = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gzip)) {
                out.write(layer);
            }
            Descriptor compressed = other.blobs().put(gzip.toByteArray(), MediaTypes.OCI_LAYER_GZIP);
            Descriptor configBlob = other.blobs().put(config.toJson(), MediaTypes.OCI_CONFIG);
            Manifest manifest = Manifest.oci(configBlob, List.of(compressed));
            Descriptor manifestBlob = other.blobs().put(manifest.toJson(), MediaTypes.OCI_MANIFEST);
            ImageRecord loaded = other.addImage(manifestBlob.digest(), List.of(Reference.parse("loaded:latest")));
            assertEquals(fromPlain.id(), loaded.id());
            assertFalse(Files.exists(scratch.resolve("other/layer-sizes").resolve(plain.digest().hex())),
                    "a layer held only compressed is not decompressed to be stored (a pull), but at first use");
            assertEquals(30, other.layerSizes().total(loaded));
            assertEquals(List.of("30"), List.of(Files.readString(scratch.resolve("other/layer-sizes")
                    .resolve(plain.digest().hex()), StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void anImportedDirectoryCountsItsFiles() throws IOException {
        Path dir = Files.createDirectory(scratch.resolve("rootfs"));
        Trees.write(dir, "etc/os-release", "NAME=test\n");
        Files.createDirectories(dir.resolve("tmp/empty"));
        Files.createSymbolicLink(dir.resolve("etc/link"), Path.of("os-release"));
        Files.createLink(dir.resolve("etc/hard"), dir.resolve("etc/os-release"));
        ImageRecord image = new ImageImporter(store).importRootfs(dir, "imported:latest", c -> c, null);
        assertEquals("NAME=test\n".length() + "os-release".length(), store.layerSizes().total(image));
    }

    /** Nothing could unpack it, so it has no files to count; it must still be storable and listable. */
    @Test
    void aLayerThatIsNotATarShowsItsBlobSize() throws IOException {
        byte[] junk = "this is not a tar archive. ".repeat(40).getBytes(StandardCharsets.US_ASCII);
        Descriptor layer = store.blobs().put(junk, MediaTypes.OCI_LAYER);
        ImageConfig config = ImageConfig.empty(new Platform("amd64", "linux"))
                .withLayer(layer.digest(), new HistoryEntry(null, "junk", "", "", false));
        ImageRecord image = store.writeImage(config, List.of(layer), "junk:latest");
        assertEquals(junk.length, store.layerSizes().total(image));
        assertEquals(false, Files.exists(root.resolve("layer-sizes").resolve(layer.digest().hex())));
    }

    /** An image stored before sizes were recorded gets them on first use. */
    @Test
    void aMissingRecordIsWorkedOutAgain() throws IOException {
        ImageRecord image = Trees.image(store, scratch, "twelve bytes");
        Path record = root.resolve("layer-sizes").resolve(image.diffIds().get(0).hex());
        Files.delete(record);
        assertEquals(12, store.layerSizes().total(image));
        assertEquals("12", Files.readString(record));
    }
}
