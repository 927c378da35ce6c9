package dev.jbuild.layertar;

import dev.jbuild.platform.GoPaths;
import dev.jbuild.platform.InputStreams;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A layer tar split into what its unpacked diff cannot give back (headers, extension headers, padding,
 * the end marker, and the data of any entry the diff does not hold as it was) and references to the
 * files of the diff that hold the rest: the way Docker keeps an image's layers once, unpacked, and still
 * gives back their exact bytes (and so their digests) for save and push. The split of a 100 MB layer is
 * a few hundred kilobytes.
 *
 * <p>The format is a stream of records, each a tag byte: {@code R} length bytes (raw tar bytes),
 * {@code F} path length size (a file of the diff, in full), {@code E} (the end).
 * {@link #assemble} writes the tar back; a file that changed since gives other bytes, which the
 * digest the caller checks catches.
 */
public final class TarSplit {
    private static final int MAX_RAW = 1 << 20;

    private TarSplit() {
    }

    /**
     * Reads the layer tar {@code tar} to its end and writes its split against {@code diff} (the layer's
     * own diff, unpacked from the same tar) to {@code out}. Regular files are referenced when the diff
     * holds a regular file of the same size at that path; anything else is kept inline.
     */
    public static void record(InputStream tar, Path diff, OutputStream out) throws IOException {
        DataOutputStream records = new DataOutputStream(out);
        Recording in = new Recording(tar, new RawRecords(records));
        TarReader reader = new TarReader(in);
        Set<String> referenced = new HashSet<>();
        TarHeader header;
        while ((header = reader.next()) != null) {
            if (header.type() != TarEntryType.REGULAR || header.size() == 0 || reader.sparseMap() != null) {
                continue; // its data, if any, is read as raw bytes by the next call
            }
            String key = GoPaths.clean("/" + header.name()).substring(1);
            Path file = key.isEmpty() ? null : diff.resolve(key);
            if (file == null || !referenced.add(key) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || Files.size(file) != header.size()) {
                continue; // a second entry of one path, or not in the diff as it was: inline
            }
            in.raw.flush();
            in.recording = false;
            reader.data().transferTo(OutputStream.nullOutputStream());
            in.recording = true;
            writeFileRecord(records, key, header.size());
        }
        reader.drain();
        in.raw.flush();
        records.writeByte('E');
        records.flush();
    }

    private static void writeFileRecord(DataOutputStream records, String key, long size) throws IOException {
        byte[] path = key.getBytes(StandardCharsets.UTF_8);
        records.writeByte('F');
        records.writeInt(path.length);
        records.write(path);
        records.writeLong(size);
    }

    /**
     * Records the split of a tar while it is written, for a writer whose regular files are the files
     * of the diff it writes from (a build step's upper directory, which becomes the layer's snapshot):
     * nothing reads the tar or the diff again. The writer writes its tar through {@link #tee} and calls
     * {@link #file} around each file's data; {@link #finish} ends the split. Written to the stream given,
     * the records are what {@link #record} writes for the same tar and diff, and {@link #assemble} reads.
     */
    public static final class Recorder {
        private final DataOutputStream records;
        private final RawRecords raw;
        private boolean inFile;

        public Recorder(OutputStream out) {
            this.records = new DataOutputStream(out);
            this.raw = new RawRecords(records);
        }

        /** The stream the tar goes through: on to {@code tar}, and, but for referenced file data, into the split. */
        public OutputStream tee(OutputStream tar) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    tar.write(b, off, len);
                    if (!inFile) {
                        raw.add(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    tar.flush();
                }
            };
        }

        /**
         * The next {@code size} bytes of the tar are the whole content of the diff's file {@code key}
         * (relative to the diff); they are referenced, not kept, until {@link #endFile}.
         */
        public void file(String key, long size) throws IOException {
            if (inFile) {
                throw new IllegalStateException("file data not ended before " + key);
            }
            raw.flush();
            writeFileRecord(records, key, size);
            inFile = true;
        }

        /** The file's data is written. */
        public void endFile() {
            inFile = false;
        }

        /** Ends the split (the tar must be finished); the stream given stays open. */
        public void finish() throws IOException {
            raw.flush();
            records.writeByte('E');
            records.flush();
        }
    }

    /** Writes the tar that {@code split} describes, reading file contents from {@code diff}. */
    public static void assemble(InputStream split, Path diff, OutputStream out) throws IOException {
        DataInputStream records = new DataInputStream(split);
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int tag = records.readByte();
            switch (tag) {
                case 'R' -> {
                    int length = records.readInt();
                    if (length < 0 || length > MAX_RAW) {
                        throw new IOException("damaged tar split: a raw record of " + length + " bytes");
                    }
                    records.readFully(buffer.length >= length ? buffer : (buffer = new byte[length]), 0, length);
                    out.write(buffer, 0, length);
                }
                case 'F' -> {
                    byte[] path = new byte[records.readInt()];
                    records.readFully(path);
                    long size = records.readLong();
                    String key = new String(path, StandardCharsets.UTF_8);
                    Path file = diff.resolve(key).normalize();
                    if (!file.startsWith(diff)) {
                        throw new IOException("damaged tar split: " + key + " is outside the diff");
                    }
                    try (InputStream content = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                        long copied = content.transferTo(new BoundedOutput(out, size));
                        if (copied != size) {
                            throw new EOFException(file + " is shorter than the layer's entry");
                        }
                    }
                }
                case 'E' -> {
                    return;
                }
                default -> throw new IOException("damaged tar split: unknown record " + tag);
            }
        }
    }

    /** Raw tar bytes gathered into records of a megabyte at most. */
    private static final class RawRecords {
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private final DataOutputStream records;

        RawRecords(DataOutputStream records) {
            this.records = records;
        }

        void add(byte[] b, int off, int len) throws IOException {
            raw.write(b, off, len);
            if (raw.size() >= MAX_RAW) {
                flush();
            }
        }

        void flush() throws IOException {
            byte[] bytes = raw.toByteArray();
            for (int start = 0; start < bytes.length; start += MAX_RAW) {
                int length = Math.min(MAX_RAW, bytes.length - start);
                records.writeByte('R');
                records.writeInt(length);
                records.write(bytes, start, length);
            }
            raw.reset();
        }
    }

    /** Copies what is read into raw records while {@link #recording}. */
    private static final class Recording extends FilterInputStream {
        private final RawRecords raw;
        boolean recording = true;

        Recording(InputStream in, RawRecords raw) {
            super(in);
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            return InputStreams.readByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && recording) {
                raw.add(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }
    }

    /** Fails rather than write more than the entry's size. */
    private static final class BoundedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        BoundedOutput(OutputStream out, long size) {
            this.out = out;
            this.left = size;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("a file of the diff is longer than the layer's entry");
            }
            out.write(b, off, len);
            left -= len;
        }
    }
}
