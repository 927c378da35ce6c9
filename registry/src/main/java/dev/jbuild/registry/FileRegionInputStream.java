package dev.jbuild.registry;

import dev.jbuild.platform.InputStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/** {@code length} bytes of a file from {@code offset}, counting what was read for a progress display. */
final class FileRegionInputStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private final LongConsumer progress;
    private final long start;
    private long position;

    FileRegionInputStream(Path file, long offset, long length, LongConsumer progress) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.start = offset;
        this.position = offset;
        this.end = offset + length;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        return InputStreams.readByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            throw new IOException("the file ended " + (end - position) + " bytes early");
        }
        position += n;
        progress.accept(position - start);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
