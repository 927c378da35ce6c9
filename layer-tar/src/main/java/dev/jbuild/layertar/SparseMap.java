package dev.jbuild.layertar;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a sparse file's data is: its regions in increasing order, the rest of its {@code size} bytes holes
 * (zeros that take no space on disk).
 */
record SparseMap(long size, List<Region> regions) {

    /** {@code length} bytes of data at {@code offset}. */
    record Region(long offset, long length) {
        long end() {
            return offset + length;
        }
    }

    SparseMap {
        regions = List.copyOf(regions);
        long end = 0;
        for (Region region : regions) {
            if (region.offset() < end || region.length() < 0 || region.end() > size) {
                throw new IllegalArgumentException("sparse regions overlap, go backwards or pass the file's end");
            }
            end = region.end();
        }
    }

    /** The bytes of data, holes left out. */
    long dataLength() {
        long total = 0;
        for (Region region : regions) {
            total += region.length();
        }
        return total;
    }

    /**
     * The map as GNU tar's PAX sparse format 1.0 puts it before the data: the number of regions, then each
     * region's offset and length, one decimal number a line, padded with zeros to whole 512-byte blocks. A
     * file that ends in a hole gets a last region of no data at its end, as GNU tar writes it, so that
     * readers that size the file from its map get it right.
     */
    byte[] encode1x0() {
        List<Region> written = regions.isEmpty() || regions.get(regions.size() - 1).end() < size
                ? concat(regions, new Region(size, 0)) : regions;
        StringBuilder text = new StringBuilder().append(written.size()).append('\n');
        for (Region region : written) {
            text.append(region.offset()).append('\n').append(region.length()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        int padded = (bytes.length + TarBlock.SIZE - 1) / TarBlock.SIZE * TarBlock.SIZE;
        byte[] blocks = new byte[padded];
        System.arraycopy(bytes, 0, blocks, 0, bytes.length);
        return blocks;
    }

    private static List<Region> concat(List<Region> regions, Region last) {
        java.util.ArrayList<Region> all = new java.util.ArrayList<>(regions);
        all.add(last);
        return all;
    }
}
