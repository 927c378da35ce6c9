package dev.jbuild.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of BuildKit's rule pages ({@code testdata/buildkit/lint-rules}, vendored from BuildKit): a "❌ Bad" block
 * triggers its rule at the expected lines, a "✅ Good" block does not, each with every other rule skipped
 * (a bad example may set off other rules too). The pages do not say the line, so the expected lines are
 * listed here, by page and bad-example number.
 */
class BuildkitRulePagesTest {

    private static final Map<String, List<Integer>> BAD_LINES = Map.ofEntries(
            Map.entry("ConsistentInstructionCasing#1", List.of(1, 2, 3)),
            // The page's .dockerignore line "*/tmp/*" needs a directory above tmp, so under Docker's matching it does
            // not exclude "./tmp/helloworld.txt"; BuildKit does not warn on this example either. See copyIgnoredFileFiresWhenThePatternMatches.
            Map.entry("CopyIgnoredFile#1", List.of()),
            Map.entry("DuplicateStageName#1", List.of(4)),
            Map.entry("ExposeInvalidFormat#1", List.of(2)),
            Map.entry("ExposeInvalidFormat#2", List.of(2)),
            Map.entry("ExposeProtoCasing#1", List.of(2)),
            Map.entry("FromAsCasing#1", List.of(1)),
            Map.entry("FromPlatformFlagConstDisallowed#1", List.of(1)),
            Map.entry("InvalidDefaultArgInFrom#1", List.of(2)),
            Map.entry("InvalidDefinitionDescription#1", List.of(2, 5)),
            Map.entry("JSONArgsRecommended#1", List.of(2)),
            Map.entry("LegacyKeyValueFormat#1", List.of(2)),
            Map.entry("LegacyKeyValueFormat#2", List.of(1)),
            Map.entry("MaintainerDeprecated#1", List.of(1)),
            Map.entry("MultipleInstructionsDisallowed#1", List.of(2)),
            Map.entry("NoEmptyContinuation#1", List.of(2)),
            Map.entry("RedundantTargetPlatform#1", List.of(1)),
            Map.entry("ReservedStageName#1", List.of(1, 2)),
            Map.entry("SecretsUsedInArgOrEnv#1", List.of(1, 2)),
            Map.entry("StageNameCasing#1", List.of(1)),
            Map.entry("UndefinedArgInFrom#1", List.of(1)),
            Map.entry("UndefinedVar#1", List.of(2)),
            Map.entry("UndefinedVar#2", List.of(2)),
            Map.entry("WorkdirRelativePath#1", List.of(2)));

    /** One example block of a page. */
    record Example(String rule, boolean bad, int number, String dockerfile, String dockerignore) {
        String key() {
            return rule + "#" + number;
        }
    }

    static List<Example> examples() throws IOException {
        Path dir = SharedData.conformance().resolve("lint-rules");
        List<Example> all = new ArrayList<>();
        try (Stream<Path> pages = Files.list(dir)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().startsWith("_")).sorted().toList()) {
                all.addAll(examplesOf(Files.readAllLines(page)));
            }
        }
        return all;
    }

    private static List<Example> examplesOf(List<String> lines) {
        String rule = lines.stream().filter(l -> l.startsWith("title: ")).findFirst().orElseThrow().substring(7).trim();
        String dockerignore = null;
        List<Example> out = new ArrayList<>();
        int bad = 0;
        int good = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("`.dockerignore` file")) {
                dockerignore = block(lines, i, "```text");
            }
            boolean isBad = line.startsWith("❌ Bad");
            if (isBad || line.startsWith("✅ Good")) {
                String dockerfile = block(lines, i, "```dockerfile");
                out.add(new Example(rule, isBad, isBad ? ++bad : ++good, dockerfile, dockerignore));
            }
        }
        return out;
    }

    /** The first fenced block opened by {@code fence} after line {@code from}. */
    private static String block(List<String> lines, int from, String fence) {
        int i = from + 1;
        while (!lines.get(i).trim().equals(fence)) {
            i++;
        }
        StringBuilder text = new StringBuilder();
        for (i++; !lines.get(i).trim().equals("```"); i++) {
            text.append(lines.get(i)).append('\n');
        }
        return text.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyPageExampleTriggersItsRuleOnlyWhenBad() throws IOException {
        return examples().stream().map(ex -> DynamicTest.dynamicTest(ex.key() + (ex.bad() ? " bad" : " good"), () -> {
            List<Finding> findings = Lints.only(ex.rule(), ex.dockerfile(), ex.dockerignore(), null);
            List<Integer> expected = ex.bad() ? BAD_LINES.get(ex.key()) : List.of();
            assertEquals(expected, Lints.lines(findings), () -> ex.key() + " " + findings);
            findings.forEach(f -> assertEquals(ex.rule(), f.rule()));
        }));
    }

    @Test
    void thePagesHoldTwentyFourBadAndThirtyFourGoodExamples() throws IOException {
        List<Example> all = examples();
        assertEquals(24, all.stream().filter(Example::bad).count());
        assertEquals(34, all.stream().filter(e -> !e.bad()).count());
        assertEquals(BAD_LINES.keySet(), all.stream().filter(Example::bad).map(Example::key).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void copyIgnoredFileFiresWhenThePatternMatches() {
        List<Finding> findings = Lints.only("CopyIgnoredFile", "FROM scratch\nCOPY ./src/tmp/helloworld.txt /helloworld.txt\n", "*/tmp/*\n", null);
        assertEquals(List.of(2), Lints.lines(findings));
        assertEquals("Attempting to Copy file \"src/tmp/helloworld.txt\" that is excluded by .dockerignore", findings.get(0).message());
    }

    @Test
    void messagesUseBuildkitTemplates() {
        assertEquals("Stage name 'BuilderBase' should be lowercase",
                Lints.only("StageNameCasing", "FROM alpine AS BuilderBase\n").get(0).message());
        assertEquals("Do not use ARG or ENV instructions for sensitive data (ARG \"AWS_SECRET_ACCESS_KEY\")",
                Lints.only("SecretsUsedInArgOrEnv", "FROM alpine\nARG AWS_SECRET_ACCESS_KEY\n").get(0).message());
        assertEquals("Usage of undefined variable '$PAHT' (did you mean $PATH?)",
                Lints.only("UndefinedVar", "FROM alpine\nENV PATH=$PAHT:/app/bin\n").get(0).message());
        assertEquals("Command 'EntRYpOiNT' should match the case of the command majority (uppercase)",
                Lints.only("ConsistentInstructionCasing", "FROM alpine\nEntRYpOiNT [\"a\"]\n").get(0).message());
        assertEquals("JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals",
                Lints.only("JSONArgsRecommended", "FROM alpine\nENTRYPOINT my-program start\n").get(0).message());
        assertTrue(Lints.only("UndefinedArgInFrom", "ARG TARGET=x\nFROM alpine:$TARGTE\n").get(0).message()
                .endsWith("(did you mean TARGET?)"));
    }
}
