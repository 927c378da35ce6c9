package dev.jbuild.layertar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarCodecTest {

    private static TarHeader file(String name, long size, Map<String, byte[]> xattrs) {
        return new TarHeader(name, TarEntryType.REGULAR, 0644, 0, 0, size, 1_600_000_000L, "", 0, 0,
                new TreeMap<>(xattrs));
    }

    private static byte[] write(TarHeader... headers) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(out);
        for (TarHeader header : headers) {
            writer.beginEntry(header);
            byte[] data = new byte[(int) header.size()];
            writer.write(data, 0, data.length);
            writer.endEntry();
        }
        writer.finish();
        return out.toByteArray();
    }

    private static TarHeader readOne(byte[] tar) throws Exception {
        return new TarReader(new ByteArrayInputStream(tar)).next();
    }

    @Test
    void xattrValuesKeepEveryPossibleByte() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        TarHeader read = readOne(write(file("f", 0, Map.of("trusted.all-bytes", all))));
        assertArrayEquals(all, read.xattrs().get("trusted.all-bytes"));
    }

    @Test
    void aNameThatFitsInPrefixAndNameNeedsNoPaxHeader() throws Exception {
        byte[] tar = write(file(TestTrees.SPLITTABLE_PATH, 0, Map.of()));
        assertEquals(512 * 3, tar.length);
        assertEquals(TestTrees.SPLITTABLE_PATH, readOne(tar).name());
    }

    @Test
    void longNonAsciiAndUnsplittableNamesGoToPax() throws Exception {
        for (String name : List.of(TestTrees.LONG_BASENAME, TestTrees.UNSPLITTABLE_PATH, TestTrees.NON_ASCII_NAME)) {
            byte[] tar = write(file(name, 0, Map.of()));
            assertEquals('x', tar[156], name);
            assertEquals(name, readOne(tar).name());
        }
    }

    @Test
    void sizesBeyondEightGibibytesGoToPaxWithZeroInTheUstarField() throws Exception {
        long size = 9L * 1024 * 1024 * 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TarWriter(out).beginEntry(file("big", size, Map.of()));
        byte[] headers = out.toByteArray();

        String pax = new String(headers, 512, 512, StandardCharsets.US_ASCII);
        assertTrue(pax.startsWith("19 size=9663676416\n"), pax);
        assertEquals("00000000000", new String(headers, 1024 + 124, 11, StandardCharsets.US_ASCII));
        TarHeader read = new TarReader(new ByteArrayInputStream(headers)).next();
        assertEquals(size, read.size());
    }

    @Test
    void paxRecordLengthsCountTheirOwnDigits() {
        String key = "k";
        byte[] value = "v".repeat(94).getBytes(StandardCharsets.US_ASCII); // 1 + 94 + 3 = 98 bytes before the length
        byte[] record = PaxRecords.encode(Map.of(key, value));
        assertEquals(101, record.length);
        assertTrue(new String(record, StandardCharsets.US_ASCII).startsWith("101 k="));
    }

    @Test
    void theReaderUnderstandsGnuLongNamesAndBase256Numbers() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
            TarArchiveEntry entry = new TarArchiveEntry("g".repeat(300));
            entry.setUserId(3_000_000_000L);
            entry.setGroupId(5);
            entry.setSize(3);
            tar.putArchiveEntry(entry);
            tar.write(new byte[] {1, 2, 3});
            tar.closeArchiveEntry();
        }
        TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()));
        TarHeader read = reader.next();
        assertEquals("g".repeat(300), read.name());
        assertEquals(3_000_000_000L, read.uid());
        assertArrayEquals(new byte[] {1, 2, 3}, reader.data().readAllBytes());
        assertNull(reader.next());
    }

    @Test
    void aNameThatIsNotUtf8IsRejected() throws Exception {
        byte[] tar = write(file("abc", 0, Map.of()));
        tar[0] = (byte) 0xe9; // Latin-1 'é', not valid UTF-8 on its own
        byte[] block = Arrays.copyOf(tar, 512);
        TarBlock.putChecksum(block);
        System.arraycopy(block, 0, tar, 0, 512);
        MalformedLayerException error = assertThrows(MalformedLayerException.class, () -> readOne(tar));
        assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    }

    @Test
    void ustarSplitPrefersTheLastSlashThatLeavesAShortEnoughName() {
        assertArrayEquals(new String[] {"p".repeat(90), "q".repeat(90)}, TarWriter.splitUstarPath(TestTrees.SPLITTABLE_PATH));
        assertNull(TarWriter.splitUstarPath("short/name"));
        assertNull(TarWriter.splitUstarPath("x".repeat(101)));
    }

    @Test
    void entriesSortPathwiseWithWhiteoutsFirstAmongSiblings() {
        List<String> names = new ArrayList<>(List.of(
                "a/z", "a-b", "a/", "a/.wh.gone", "a/-dash", "a/.wh..wh..opq", "a/b/", "a/b/c", "b"));
        names.sort(NameOrder.ENTRIES);
        assertEquals(List.of("a/", "a/.wh..wh..opq", "a/.wh.gone", "a/-dash", "a/b/", "a/b/c", "a/z", "a-b", "b"), names);
    }
}
