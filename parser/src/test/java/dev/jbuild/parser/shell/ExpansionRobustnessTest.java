package dev.jbuild.parser.shell;

import dev.jbuild.parser.text.GoText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs: the expander may only ever return or throw
 * {@link ShellExpansionException}, single- and multi-word processing must agree on failure, and
 * every input must finish quickly.
 */
class ExpansionRobustnessTest {
    private static final int INPUTS = 10_000;
    private static final String[] PIECES = {
        "$", "${", "}", "{", ":", "-", "+", "?", "#", "##", "%", "%%", "/", "//", "=", "*", "\\", "`",
        "'", "\"", "<", "<<", " ", "\t", "\n", "a", "b", "X", "PWD", "0", "1", "@", "é", "한", "\u00a0", "\uFEFF"
    };
    private static final VariableLookup ENV = VariableLookup.of(Map.of(
            "a", "x y", "X", "", "PWD", "/home", "b", "a*b/c\nd", "한", "국"));
    private static final List<ShellExpander> EXPANDERS = List.of(
            new ShellExpander('\\'),
            new ShellExpander('`'),
            new ShellExpander('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnset(true),
            new ShellExpander('\\').withCaseInsensitiveNames(true).withSkipProcessQuotes(true));

    private record Outcome(String value, List<String> words, String failure) {
    }

    @Test
    void tenThousandRandomAndMutatedInputsOnlyEverFailWithTheTypedException() {
        List<String> inputs = inputs(new Random(20_240_601));
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        long[] slowest = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (String input : inputs) {
                long started = System.nanoTime();
                for (ShellExpander expander : EXPANDERS) {
                    check(expander, input, problems, counts);
                }
                checkHeredocDetection(input, problems);
                slowest[0] = Math.max(slowest[0], System.nanoTime() - started);
            }
        });
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())));
        assertEquals(INPUTS, inputs.size());
        assertTrue(counts[0] > INPUTS / 5 && counts[1] > INPUTS / 10,
                "generator must produce both successes and failures: " + counts[0] + " / " + counts[1]);
        assertTrue(slowest[0] < Duration.ofSeconds(2).toNanos(), "slowest input took " + slowest[0] + " ns");
    }

    @Test
    void absurdNestingFailsWithTheTypedExceptionInsteadOfOverflowingTheStack() {
        String deep = "${a:-".repeat(100_000) + "}".repeat(100_000);
        ShellExpander expander = new ShellExpander('\\');
        assertEquals("syntax error: ${...} nested more than " + ShellWordLexer.MAX_NESTING + " levels deep",
                assertThrows(ShellExpansionException.class,
                        () -> expander.expandWords(deep, ENV)).reason());
    }

    private static void check(ShellExpander expander, String input, List<String> problems, int[] counts) {
        Outcome single = run(() -> new Outcome(expander.expandWord(input, ENV).value(), null, null), input, problems);
        Outcome multi = run(() -> new Outcome(null, expander.expandWords(input, ENV), null), input, problems);
        if (single == null || multi == null) {
            return;
        }
        if (!Objects.equals(single.failure(), multi.failure())) {
            problems.add(expander + " disagrees on " + describe(input) + ": " + single.failure() + " vs " + multi.failure());
        }
        if (multi.words() != null && multi.words().stream().anyMatch(String::isEmpty)) {
            problems.add(expander + " produced an empty word for " + describe(input));
        }
        counts[single.failure() == null ? 0 : 1]++;
    }

    private static void checkHeredocDetection(String input, List<String> problems) {
        try {
            HeredocMarkers.find("RUN " + input).forEach(marker -> {
                if (marker.name().isEmpty()) {
                    problems.add("empty heredoc name for " + describe(input));
                }
            });
        } catch (ShellExpansionException expected) {
            // a marker whose name does not lex is a parse error, as in BuildKit
        } catch (RuntimeException | Error unexpected) {
            problems.add("heredoc detection threw " + unexpected + " for " + describe(input));
        }
    }

    private interface Call {
        Outcome call();
    }

    private static Outcome run(Call call, String input, List<String> problems) {
        try {
            return call.call();
        } catch (ShellExpansionException expected) {
            return new Outcome(null, null, expected.getMessage());
        } catch (RuntimeException | Error unexpected) {
            problems.add(unexpected + " for " + describe(input));
            return null;
        }
    }

    private static List<String> inputs(Random random) {
        List<String> seeds = new ArrayList<>();
        ExpanderFixture.SEED_INPUTS.forEach(seeds::add);
        List<String> inputs = new ArrayList<>(INPUTS);
        while (inputs.size() < INPUTS) {
            inputs.add(random.nextBoolean()
                    ? randomInput(random)
                    : mutate(seeds.get(random.nextInt(seeds.size())), random));
        }
        return inputs;
    }

    private static String randomInput(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(25);
        for (int i = 0; i < pieces; i++) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    private static String mutate(String seed, Random random) {
        StringBuilder out = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> {
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                }
                default -> {
                    if (out.length() > 0) {
                        out.replace(at, at + 1, PIECES[random.nextInt(PIECES.length)]);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String describe(String input) {
        return GoText.quote(input);
    }
}
