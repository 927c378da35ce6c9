package dev.jbuild.layertar;

import dev.jbuild.platform.Native;
import dev.jbuild.platform.LibC;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparse files (a disk image, a database file made with truncate): finding their holes with
 * {@code lseek(SEEK_DATA/SEEK_HOLE)}, and copying them with the holes kept. The JDK's {@code Files.copy}
 * writes every hole out as zeros: a 1 GB file with a few kilobytes of data becomes a gigabyte on disk.
 */
public final class SparseFiles {
    /** Smaller files are treated as dense: holes there save little, and the lseek calls would cost every file. */
    static final long MIN_SIZE = 1 << 20;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;

    private SparseFiles() {
    }

    /**
     * Where {@code file}'s data is, or null when it has no hole (or is smaller than {@link #MIN_SIZE}, or the
     * file system cannot tell): then it is read and written as a whole.
     */
    static SparseMap map(Path file, long size) throws IOException {
        if (size < MIN_SIZE) {
            return null;
        }
        LibC libc = Native.libc();
        int fd = libc.open(file.toString(), O_RDONLY_CLOEXEC);
        if (fd < 0) {
            throw Native.failure("open", file, Native.errno());
        }
        try {
            List<SparseMap.Region> regions = new ArrayList<>();
            long position = 0;
            while (position < size) {
                long data = libc.lseek(fd, position, SEEK_DATA);
                if (data < 0) {
                    if (Native.errno() == ENXIO) {
                        break; // only a hole from here to the end
                    }
                    return null; // no SEEK_DATA here: read it whole
                }
                if (data >= size) {
                    break;
                }
                long hole = libc.lseek(fd, data, SEEK_HOLE);
                if (hole < 0) {
                    return null;
                }
                hole = Math.min(hole, size);
                regions.add(new SparseMap.Region(data, hole - data));
                position = hole;
            }
            boolean dense = regions.size() == 1 && regions.get(0).offset() == 0 && regions.get(0).length() == size;
            return dense ? null : new SparseMap(size, regions);
        } finally {
            libc.close(fd);
        }
    }

    /**
     * Copies a regular file to a new file {@code to} (which must not exist), keeping its holes; the contents
     * only, like {@code Files.copy} without options.
     */
    public static void copy(Path from, Path to) throws IOException {
        long size = Files.size(from);
        SparseMap map = map(from, size);
        if (map == null) {
            Files.copy(from, to);
            return;
        }
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             RandomAccessFile file = new RandomAccessFile(createNew(to), "rw")) {
            FileChannel out = file.getChannel();
            for (SparseMap.Region region : map.regions()) {
                long done = 0;
                while (done < region.length()) {
                    long n = in.transferTo(region.offset() + done, region.length() - done, out.position(region.offset() + done));
                    if (n <= 0) {
                        throw new IOException(from + " shrank while it was being copied");
                    }
                    done += n;
                }
            }
            file.setLength(size); // a hole at the end stays a hole
        }
    }

    private static java.io.File createNew(Path to) throws IOException {
        Files.createFile(to);
        return to.toFile();
    }

    /** Writes {@code map}'s regions from {@code data} (their bytes one after the other) into a new file. */
    static void write(SparseMap map, java.io.InputStream data, Path to) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (RandomAccessFile file = new RandomAccessFile(createNew(to), "rw")) {
            for (SparseMap.Region region : map.regions()) {
                file.seek(region.offset());
                long left = region.length();
                while (left > 0) {
                    int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new MalformedLayerException("sparse entry data ends before its map says");
                    }
                    file.write(buffer, 0, n);
                    left -= n;
                }
            }
            file.setLength(map.size());
        }
    }
}
