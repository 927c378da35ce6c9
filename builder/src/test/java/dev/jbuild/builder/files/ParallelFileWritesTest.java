package dev.jbuild.builder.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ParallelFileWritesTest {

    @Test
    void everyWriteRunsAndALargeCopyUsesTheCopyThreads() throws IOException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        try (ParallelFileWrites writes = ParallelFileWrites.forEntries(ParallelFileWrites.PARALLEL_FROM)) {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                writes.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    done.add(n);
                });
            }
            writes.awaitAll();
        }
        assertEquals(1000, done.size());
        assertEquals(Set.of("jbuild-copy"), threads);
    }

    @Test
    void aSmallCopyRunsOnTheCallingThread() throws IOException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (ParallelFileWrites writes = ParallelFileWrites.forEntries(ParallelFileWrites.PARALLEL_FROM - 1)) {
            writes.submit(() -> threads.add(Thread.currentThread().getName()));
            writes.awaitAll();
        }
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void theFirstFailureIsThrownAsItWasThrown() throws IOException {
        IOException io = new IOException("disk full");
        CopyException copy = new CopyException("cannot copy");
        try (ParallelFileWrites writes = ParallelFileWrites.forEntries(ParallelFileWrites.PARALLEL_FROM)) {
            writes.submit(() -> {
                throw io;
            });
            assertSame(io, assertThrows(IOException.class, writes::awaitAll));
            writes.submit(() -> {
                throw copy;
            });
            assertSame(copy, assertThrows(CopyException.class, writes::awaitAll));
        }
    }
}
