package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our layers read by other tar implementations, and theirs applied by us. */
class GnuTarCompatibilityTest {
    @TempDir
    Path temp;
    Path source;
    Path layer;

    @BeforeEach
    void writeLayer() throws Exception {
        source = temp.resolve("source");
        TestTrees.everyKind(source);
        layer = temp.resolve("layer.tar");
        Files.write(layer, TestTrees.layerOf(source, WriterOptions.defaults()));
    }

    @Test
    void gnuTarListsEveryEntryWithTypesOwnersAndLinks() throws Exception {
        String listing = Commands.check(temp, "tar", "--numeric-owner", "-tvf", layer.toString());

        Map<String, String> lineByName = new TreeMap<>();
        for (String line : listing.split("\n")) {
            String[] fields = line.split("\\s+", 6);
            lineByName.put(fields[5], line);
        }
        assertEquals(TreeSnapshot.of(source).size(), lineByName.size(), listing);
        // The walk meets dir/hard-c first, so the other names of that inode link to it.
        assertTrue(lineByName.get("hard-b link to dir/hard-c").startsWith("hrw-r--r--"), listing);
        assertTrue(lineByName.get("symlink-relative -> hello.txt").startsWith("lrwxrwxrwx"), listing);
        assertTrue(lineByName.get("null-device").startsWith("crw-r--r-- 0/0"), listing);
        assertTrue(lineByName.get("null-device").contains(" 1,3 "), listing);
        assertTrue(lineByName.get("pipe").startsWith("prw-r--r--"), listing);
        assertTrue(lineByName.get("setuid-binary").startsWith("-rwsr-xr-x"), listing);
        assertTrue(lineByName.get("sticky-dir/").startsWith("drwxrwxrwt"), listing);
        assertTrue(lineByName.get("owned-by-1000").contains(" 1000/1000 "), listing);
        assertTrue(lineByName.containsKey(TestTrees.LONG_BASENAME), listing);
        assertTrue(lineByName.containsKey(TestTrees.UNSPLITTABLE_PATH), listing);
        assertTrue(lineByName.containsKey(TestTrees.NON_ASCII_NAME), listing);
    }

    @Test
    void gnuTarExtractsOurXattrsByteForByte() throws Exception {
        Path extracted = Files.createDirectory(temp.resolve("extracted"));
        Commands.check(extracted, "tar", "--xattrs", "--xattrs-include=*", "-xf", layer.toString());

        assertEquals(TestTrees.CAPABILITY_HEX, TestTrees.xattrHex(extracted.resolve("xattrs"), "security.capability"));
        assertEquals(TestTrees.TRUSTED_HEX, TestTrees.xattrHex(extracted.resolve("xattrs"), "trusted.jbuild"));
        assertEquals("68656c6c6f", TestTrees.xattrHex(extracted.resolve("xattrs"), "user.test"));
        assertEquals("long name\n", Files.readString(extracted.resolve(TestTrees.LONG_BASENAME)));
        assertEquals("unicode\n", Files.readString(extracted.resolve(TestTrees.NON_ASCII_NAME)));
    }

    @Test
    void commonsCompressReadsOurLayerTheSameWay() throws Exception {
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        for (TarArchiveEntry entry : HandTar.entries(Files.readAllBytes(layer))) {
            entries.put(entry.getName(), entry);
        }
        assertEquals("dir/hard-c", entries.get("hard-a").getLinkName());
        assertTrue(entries.get("hard-a").isLink());
        assertTrue(entries.get("dir/hard-c").isFile());
        assertEquals("../no/such/target", entries.get("dir/dangling").getLinkName());
        assertEquals(04755, entries.get("setuid-binary").getMode() & 07777);
        assertEquals(7, entries.get("loop-device").getDevMajor());
        assertEquals(200, entries.get("loop-device").getDevMinor());
        assertEquals(1000L, entries.get("owned-by-1000").getLongUserId());
        assertEquals("hello", entries.get("xattrs").getExtraPaxHeader("SCHILY.xattr.user.test"));
        assertEquals(13, entries.get("hello.txt").getSize());
    }

    /** GNU tar's own archives (PAX with xattrs, or the GNU format with 'L' long names) applied by us. */
    @ParameterizedTest
    @ValueSource(strings = {"posix", "gnu"})
    void weApplyWhatGnuTarWrites(String format) throws Exception {
        Path gnuLayer = temp.resolve("gnu.tar");
        Commands.check(source, "tar", "--format=" + format, "--xattrs", "--xattrs-include=*", "--numeric-owner",
                "-cf", gnuLayer.toString(), ".");
        Path target = temp.resolve("target");
        try (InputStream in = Files.newInputStream(gnuLayer)) {
            LayerApplier.of(ApplyOptions.defaults()).apply(in, target);
        }

        Map<String, FileState> expected = TreeSnapshot.of(source);
        Map<String, FileState> actual = TreeSnapshot.of(target);
        if (format.equals("gnu")) {
            // The GNU format has no place for xattrs; compare everything else.
            expected.replaceAll((path, state) -> withoutXattrs(state));
            actual.replaceAll((path, state) -> withoutXattrs(state));
        }
        assertEquals(expected, actual);
    }

    private static FileState withoutXattrs(FileState state) {
        return new FileState(state.type(), state.mode(), state.uid(), state.gid(), state.size(), state.content(),
                Map.of(), state.mtime(), state.linkGroup());
    }
}
