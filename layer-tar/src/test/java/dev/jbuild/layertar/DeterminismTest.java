package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jbuild.imagespec.SizedDigest;
import dev.jbuild.platform.Posix;
import dev.jbuild.platform.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    @TempDir
    Path temp;

    @Test
    void theSameTreeWrittenTwiceGivesTheSameBytesAndDigest() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        SizedDigest a = LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, first);
        SizedDigest b = LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, second);

        assertArrayEquals(first.toByteArray(), second.toByteArray());
        assertEquals(a, b);
    }

    @Test
    void theDigestIsTheSha256AndSizeOfTheBytesWritten() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SizedDigest digest = LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, out);

        byte[] bytes = out.toByteArray();
        assertEquals(HexFormat.of().formatHex(Sha256.newJdkDigest().digest(bytes)), digest.digest().hex());
        assertEquals(bytes.length, digest.size());
        assertEquals(0, bytes.length % 512);
    }

    @Test
    void aChangedFileChangesTheDigest() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        SizedDigest before = LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, new ByteArrayOutputStream());
        Files.writeString(source.resolve("hello.txt"), "hello, LAYER\n");
        TestTrees.setMtime(source.resolve("hello.txt"), TestTrees.BASE_MTIME);
        SizedDigest after = LayerWriter.of(WriterOptions.defaults()).writeDirectory(source, new ByteArrayOutputStream());
        assertNotEquals(before, after);
    }

    @Test
    void sourceDateEpochClampsNewerMtimesAndKeepsOlderOnes() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.setMtime(TestTrees.write(source, "old", "o"), 1_000_000_000L);
        TestTrees.setMtime(TestTrees.write(source, "new", "n"), 1_900_000_000L);
        byte[] tar = TestTrees.layerOf(source, new WriterOptions(1_500_000_000L));

        List<String> times = new ArrayList<>();
        for (TarArchiveEntry entry : HandTar.entries(tar)) {
            times.add(entry.getName() + "@" + entry.getLastModifiedTime().toInstant().getEpochSecond());
        }
        assertEquals(List.of("new@1500000000", "old@1000000000"), times);
    }

    @Test
    void entriesAreSortedParentsFirstWithNumericOwnersAndNoUserNames() throws Exception {
        Path source = temp.resolve("source");
        TestTrees.everyKind(source);
        List<TarArchiveEntry> entries = HandTar.entries(TestTrees.layerOf(source, WriterOptions.defaults()));

        List<String> names = new ArrayList<>();
        for (TarArchiveEntry entry : entries) {
            names.add(entry.getName());
            assertEquals("", entry.getUserName(), entry.getName());
            assertEquals("", entry.getGroupName(), entry.getName());
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(NameOrder.ENTRIES);
        assertEquals(sorted, names);
        assertEquals("dir/", names.get(names.indexOf("dir/hard-c") - 2));
    }

    /**
     * Go's archive/tar writes Docker's and BuildKit's layers. With the same tree and the same header
     * choices (see src/test/resources/gotar/main.go) the bytes must be identical, down to the PAX
     * header names, the ustar prefix split and the padding. {@code gotar/every-kind.tar} is what Go
     * 1.19's archive/tar wrote for {@link TestTrees#everyKind} (umask 022), so the comparison runs on
     * every machine; where a Go toolchain is installed, Go is asked again, to catch a drift of Go's own.
     */
    @Test
    void theLayerIsByteForByteWhatGoArchiveTarWritesForTheSameTree() throws Exception {
        Path source = temp.resolve("source");
        int umask = Posix.umask(022);
        try {
            TestTrees.everyKind(source);
        } finally {
            Posix.umask(umask);
        }
        byte[] ours = TestTrees.layerOf(source, WriterOptions.defaults());
        byte[] golden = Files.readAllBytes(Path.of(DeterminismTest.class.getResource("/gotar/every-kind.tar").toURI()));
        assertEquals(HandTar.names(golden), HandTar.names(ours));
        assertArrayEquals(golden, ours);

        if (Commands.available("go")) {
            Path program = Path.of(DeterminismTest.class.getResource("/gotar/main.go").toURI());
            Path goTar = temp.resolve("go.tar");
            Commands.check(temp, "sh", "-c", "go run '" + program + "' '" + source + "' > '" + goTar + "'");
            assertArrayEquals(golden, Files.readAllBytes(goTar), "Go's archive/tar now writes other bytes");
        }
    }
}
