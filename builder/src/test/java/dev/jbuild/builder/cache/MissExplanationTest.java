package dev.jbuild.builder.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbuild.builder.files.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wording of explanations for causes a real build of the context cannot produce (owners), and the order of causes. */
class MissExplanationTest {
    private static StepInputs inputs(String instruction, Map<String, String> args, List<SourceFile> files) {
        return new StepInputs(instruction, args, "busybox@sha256:1", "sha256:p", "[1/2] FROM busybox", "s" + files,
                files, "r");
    }

    @Test
    void anOwnerChangeOfACopiedFileIsNamed() {
        StepInputs before = inputs("COPY --from=x /a /a", Map.of(), List.of(new SourceFile("a", 'f', 0644, "0:0", "1")));
        StepInputs now = inputs("COPY --from=x /a /a", Map.of(), List.of(new SourceFile("a", 'f', 0644, "1000:1000", "1")));
        assertEquals("COPY sources changed: a (owner 0:0 → 1000:1000)", MissExplanation.explain(before, now, false));
    }

    @Test
    void theInstructionComesBeforeArgsAndArgsBeforeFiles() {
        StepInputs before = inputs("ADD a /a", Map.of("V", "1"), List.of(new SourceFile("a", 'f', 0644, "0:0", "1")));
        StepInputs now = inputs("ADD a /a", Map.of("V", "2", "W", "x"), List.of());
        assertEquals("build arg V: 1 → 2, W: (unset) → x", MissExplanation.explain(before, now, false));
        assertEquals("ADD sources changed: a (removed)", MissExplanation.explain(before,
                inputs("ADD a /a", Map.of("V", "1"), List.of()), false));
    }
}
