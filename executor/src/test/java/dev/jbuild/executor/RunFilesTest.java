package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two small files of a run directory: the state Janitor reads back, and the runtime's log. */
class RunFilesTest {
    @TempDir
    Path runDir;

    @Test
    void runStateRoundTripsThroughItsFile() throws IOException {
        RunState state = new RunState("jbuild-4f2a", "/usr/sbin/runc", "/var/lib/jbuild/executor/runc \"quoted\"");
        state.write(runDir);
        assertEquals(state, RunState.read(runDir));
        assertEquals("{\"containerId\":\"jbuild-4f2a\",\"runtime\":\"/usr/sbin/runc\","
                + "\"runtimeRoot\":\"/var/lib/jbuild/executor/runc \\\"quoted\\\"\"}",
                Files.readString(runDir.resolve(RunState.FILE_NAME)));
        assertFalse(Files.exists(runDir.resolve(RunState.FILE_NAME + ".tmp")));
    }

    @Test
    void runStateReadsFieldsInAnyOrderAndSkipsOthers() throws IOException {
        Files.writeString(runDir.resolve(RunState.FILE_NAME),
                "{\"future\":{\"nested\":[1,{\"x\":2}]},\"runtimeRoot\":\"/r\",\"runtime\":\"crun\",\"containerId\":\"c\"}");
        assertEquals(new RunState("c", "crun", "/r"), RunState.read(runDir));
        assertNull(RunState.read(runDir.resolve("absent")));
    }

    @Test
    void theLastErrorOfARuncJsonLogIsReported() throws IOException {
        Path log = runDir.resolve("runtime.log");
        Files.writeString(log, """
                {"level":"warning","msg":"cgroup v1 is deprecated","time":"2026-11-24T01:00:00Z"}

                {"level":"error","msg":"first failure","time":"2026-11-24T01:00:01Z"}
                {"level":"error","msg":"runc run failed: unable to start container process: exec: \\"nope\\": executable file not found in $PATH","time":"2026-11-24T01:00:02Z"}
                {"level":"info","msg":"not an error"}
                """);
        assertEquals("runc run failed: unable to start container process: exec: \"nope\": executable file not found in "
                + "$PATH", RuntimeLog.lastError(log));
    }

    @Test
    void crunsPlainTextErrorsAndQuietLogsAreUnderstood() throws IOException {
        Path log = runDir.resolve("runtime.log");
        Files.writeString(log, "{\"level\":\"warning\",\"msg\":\"w\"}\ncrun: error: chdir to `/x`: No such file\n");
        assertEquals("crun: error: chdir to `/x`: No such file", RuntimeLog.lastError(log));
        Files.writeString(log, "{\"level\":\"warning\",\"msg\":\"only a warning\"}\n");
        assertNull(RuntimeLog.lastError(log));
        Files.writeString(log, "{\"level\":\"fatal\"}\n");
        assertEquals("{\"level\":\"fatal\"}", RuntimeLog.lastError(log));
        assertNull(RuntimeLog.lastError(runDir.resolve("never-written.log")));
    }
}
