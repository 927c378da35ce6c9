package dev.jbuild.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TaskFailuresTest {
    @Test
    void ioErrorsUncheckedExceptionsAndErrorsAreThrownAsThemselves() {
        IOException io = new IOException("disk");
        IllegalStateException unchecked = new IllegalStateException("state");
        OutOfMemoryError error = new OutOfMemoryError("heap");

        assertSame(io, assertThrows(IOException.class, () -> TaskFailures.rethrow(io)));
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> TaskFailures.rethrow(unchecked)));
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> TaskFailures.rethrow(error)));
    }

    @Test
    void anyOtherCheckedExceptionIsTheCauseOfAnIoError() {
        TimeoutException other = new TimeoutException("slow");

        IOException thrown = assertThrows(IOException.class, () -> TaskFailures.rethrow(other));

        assertSame(other, thrown.getCause());
    }

    @Test
    void awaitGivesTheResultOrTheTasksOwnFailure() throws IOException {
        IOException io = new IOException("disk");

        assertEquals("done", TaskFailures.await(CompletableFuture.completedFuture("done"), "reading"));
        assertSame(io, assertThrows(IOException.class,
                () -> TaskFailures.await(CompletableFuture.failedFuture(io), "reading")));
    }

    @Test
    void aCancelledTaskIsAnInterruptionThatSaysWhatWasAwaited() {
        CompletableFuture<String> task = new CompletableFuture<>();
        task.cancel(true);

        InterruptedIOException thrown = assertThrows(InterruptedIOException.class,
                () -> TaskFailures.await(task, "fetching the manifest"));

        assertEquals("cancelled while fetching the manifest", thrown.getMessage());
    }
}
