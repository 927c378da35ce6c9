package dev.jbuild.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeVerdictsTest {
    @TempDir
    Path temp;

    @Test
    void aVerdictIsRecalledOnlyUnderTheSubjectItWasStoredUnder() {
        ProbeVerdicts verdicts = new ProbeVerdicts(temp.resolve("verdicts"));
        verdicts.remember("runtime", "/usr/sbin/runc 100 5", List.of("/usr/sbin/runc", "runc version 1.1", "ran"));

        assertEquals(Optional.of(List.of("/usr/sbin/runc", "runc version 1.1", "ran")),
                new ProbeVerdicts(temp.resolve("verdicts")).recall("runtime", "/usr/sbin/runc 100 5"));
        assertEquals(Optional.empty(), verdicts.recall("runtime", "/usr/sbin/runc 101 5"), "an upgraded binary");
        assertEquals(Optional.empty(), verdicts.recall("overlay", "/usr/sbin/runc 100 5"), "another probe");
    }

    @Test
    void anUnreadableOrTruncatedVerdictMeansProbingAgain() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("verdicts"));
        ProbeVerdicts verdicts = new ProbeVerdicts(dir);
        Files.writeString(dir.resolve("overlay"), ProbeVerdicts.fingerprint("s") + "\n");
        assertEquals(Optional.empty(), verdicts.recall("overlay", "s"));
        Files.createDirectory(dir.resolve("runtime"));
        assertEquals(Optional.empty(), verdicts.recall("runtime", "s"));
    }

    @Test
    void theFingerprintCoversTheBootAndTheKernel() throws Exception {
        String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest((bootId + "\n" + kernel + "\ns").getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), ProbeVerdicts.fingerprint("s"));
        assertNotEquals(ProbeVerdicts.fingerprint("s"), ProbeVerdicts.fingerprint("t"));
    }
}
