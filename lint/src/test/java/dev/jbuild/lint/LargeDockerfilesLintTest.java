package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long and hostile Dockerfiles lint to the end with the findings a short one gets. The timeouts only stop a
 * run that would take many minutes (40 000 RUN lines took 40 s when every RUN looked back over the stage for
 * its SHELL; 100 000 would take several minutes): speed is measured by bench/scaling-bench.sh.
 */
class LargeDockerfilesLintTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneHundredThousandRunLinesGetTheSameFindingsAsTheirFirstFew() {
        String header = "FROM debian:bookworm\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\n";
        StringBuilder text = new StringBuilder(header);
        for (int i = 0; i < 100_000; i++) {
            text.append(i % 2 == 0 ? "RUN true\n" : "RUN wget -qO- https://example.org/x | sh\n");
        }
        List<Finding> findings = Lints.all(text.toString());

        // The SHELL with pipefail is found for every RUN (no DL4006, "set -o pipefail before a pipe"), and every
        // RUN but the first follows another (DL3059).
        assertEquals(0, findings.stream().filter(f -> f.rule().equals("DL4006")).count());
        assertEquals(99_999, findings.stream().filter(f -> f.rule().equals("DL3059")).count());
        assertEquals(99_999, findings.size());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fiftyThousandUsersAndAptInstallsAreIndexedNotRescanned() {
        StringBuilder text = new StringBuilder("FROM debian:bookworm\nRUN useradd app\n");
        for (int i = 0; i < 25_000; i++) {
            // Each USER names the user the RUN after it creates: "created only later", every time.
            text.append("USER app").append(i).append('\n');
            text.append("RUN apt-get install -y --no-install-recommends pkg").append(i).append(" && useradd app")
                    .append(i).append('\n');
        }
        text.append("USER app\n");

        List<Finding> findings = Lints.all(text.toString());

        List<Finding> notYet = findings.stream().filter(f -> f.rule().equals("UserNotYetCreated")).toList();
        assertEquals(25_000, notYet.size());
        assertTrue(notYet.get(24_999).message().contains("by the RUN on line 50002"), notYet.get(24_999).message());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void valuesThatDoubleAtEveryLineLintWithoutExhaustingMemory() {
        StringBuilder text = new StringBuilder("ARG V0=0123456789abcdef\n");
        for (int i = 1; i <= 50; i++) {
            text.append("ARG V").append(i).append("=${V").append(i - 1).append("}${V").append(i - 1).append("}\n");
        }
        text.append("FROM scratch\nENV E0=").append("e".repeat(60_000)).append('\n');
        for (int i = 1; i <= 2_000; i++) {
            text.append("ENV E").append(i).append('=').append("$E0".repeat(16)).append('\n');
        }
        text.append("COPY $V50 /x\n");

        List<Finding> findings = Lints.all(text.toString());

        assertTrue(findings.stream().noneMatch(f -> f.rule().equals("InternalError")), findings.toString());
    }
}
