package dev.jbuild.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member written by several threads, the way pigz does it: the input is cut into blocks of
 * {@value #BLOCK_SIZE} bytes, each block is deflated on its own thread with the last 32 KiB of the
 * block before it as preset dictionary, ends on a sync flush (byte-aligned, not final), and the raw
 * deflate pieces are concatenated in order between one header and one trailer. The CRC-32 runs over
 * the input in the writing thread (it is far faster than deflate).
 *
 * <p>The output depends only on the input, the level and the block size, never on the number of
 * threads or their timing, so a layer always gets the same compressed digest. Any gzip reader reads
 * it: it is a single ordinary member.
 */
final class ParallelGzipOutputStream extends OutputStream {
    static final int BLOCK_SIZE = 1 << 20;
    private static final int DICTIONARY_SIZE = 32 * 1024;
    private static final int LEVEL = 6; // zlib's and Go's default, what Docker and BuildKit write
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff}; // no mtime, OS unknown (as Go writes)
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "jbuild-gzip");
                thread.setDaemon(true);
                return thread;
            });

    private final OutputStream out;
    private final int maxInFlight = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block = new byte[BLOCK_SIZE];
    private int filled;
    private byte[] dictionary;
    private long total;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out) throws IOException {
        this.out = out;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, BLOCK_SIZE - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK_SIZE) {
                submit(false);
            }
        }
    }

    /** Compressed blocks can only be written in order; flushing mid-stream would cut a block short. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the last block, every pending one and the trailer; does not close the stream underneath. */
    public void finish() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        submit(true);
        while (!inFlight.isEmpty()) {
            out.write(await(inFlight.removeFirst()));
        }
        writeIntLe((int) crc.getValue());
        writeIntLe((int) total);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int length = filled;
        byte[] preset = dictionary;
        if (length >= DICTIONARY_SIZE) {
            dictionary = Arrays.copyOfRange(input, length - DICTIONARY_SIZE, length);
        } else if (length > 0) {
            dictionary = null; // only the last (short) block is shorter than a dictionary
        }
        inFlight.addLast(POOL.submit(() -> deflate(input, length, preset, last)));
        block = last ? null : new byte[BLOCK_SIZE];
        filled = 0;
        while (inFlight.size() >= maxInFlight || (!inFlight.isEmpty() && inFlight.peekFirst().isDone())) {
            out.write(await(inFlight.removeFirst()));
        }
    }

    private static byte[] deflate(byte[] input, int length, byte[] dictionary, boolean last) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(input, 0, length);
            ByteArrayOutputStream piece = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    piece.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                // SYNC_FLUSH ends on a byte boundary without the final bit, so the next piece can follow.
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    piece.write(buffer, 0, n);
                } while (n == buffer.length || !deflater.needsInput());
            }
            return piece.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] await(Future<byte[]> piece) throws IOException {
        try {
            return piece.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("gzip compression failed: " + e.getCause(), e.getCause());
        }
    }

    private void writeIntLe(int value) throws IOException {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }
}
