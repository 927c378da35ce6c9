package dev.jbuild.layertar;

import dev.jbuild.platform.InputStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A sparse entry's whole content from its regions' data: zeros where the map has holes. */
final class SparseContent extends InputStream {
    private final SparseMap map;
    private final InputStream stored;
    private long position;
    private int region;

    SparseContent(SparseMap map, InputStream stored) {
        this.map = map;
        this.stored = stored;
    }

    @Override
    public int read() throws IOException {
        return InputStreams.readByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= map.size()) {
            return -1;
        }
        while (region < map.regions().size() && map.regions().get(region).end() <= position) {
            region++;
        }
        SparseMap.Region next = region < map.regions().size() ? map.regions().get(region) : null;
        int n;
        if (next != null && position >= next.offset()) {
            n = stored.read(b, off, (int) Math.min(len, next.end() - position));
            if (n < 0) {
                throw new MalformedLayerException("archive ends inside a sparse entry's data");
            }
        } else {
            long holeEnd = next != null ? next.offset() : map.size();
            n = (int) Math.min(len, holeEnd - position);
            Arrays.fill(b, off, off + n, (byte) 0);
        }
        position += n;
        return n;
    }
}
