package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class InputStreamsTest {

    /** Counts what its bulk read passes, the way the hashing and limiting streams do. */
    private static final class Counting extends FilterInputStream {
        long counted;
        int bulkReads;

        Counting(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read() throws IOException {
            return InputStreams.readByte(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            bulkReads++;
            int n = super.read(b, off, len);
            if (n > 0) {
                counted += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return InputStreams.skipByReading(this, n);
        }
    }

    @Test
    void aSingleByteIsReadThroughTheBulkReadAsAnUnsignedValue() throws IOException {
        Counting stream = new Counting(new byte[] {(byte) 0xff, 7});
        assertEquals(255, stream.read());
        assertEquals(7, stream.read());
        assertEquals(-1, stream.read());
        assertEquals(3, stream.bulkReads);
        assertEquals(2, stream.counted);
    }

    @Test
    void skippedBytesPassThroughTheBulkReadAndStopAtTheEnd() throws IOException {
        Counting stream = new Counting(new byte[20_000]);
        assertEquals(10_000, stream.skip(10_000));
        assertEquals(10_000, stream.counted);
        assertEquals(10_000, stream.skip(50_000));
        assertEquals(20_000, stream.counted);
        assertEquals(0, stream.skip(1));
    }

    @Test
    void skippingNothingReadsNothing() throws IOException {
        Counting stream = new Counting(new byte[10]);
        assertEquals(0, stream.skip(0));
        assertEquals(0, stream.bulkReads);
        InputStream empty = new Counting(new byte[0]);
        assertEquals(0, empty.skip(5));
    }
}
