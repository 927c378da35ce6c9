package dev.jbuild.tests.conformance;

import dev.jbuild.parser.shell.ShellExpander;
import dev.jbuild.parser.shell.ShellExpansionException;
import dev.jbuild.parser.shell.VariableLookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of BuildKit's {@code shell/wordsTest}, read as FORMAT.md §3.1 describes. */
class WordsConformanceTest {
    private static final ShellExpander EXPANDER = new ShellExpander('\\');

    record Row(int line, String input, List<String> expected, Map<String, String> env) {
        @Override
        public String toString() {
            return "line " + line + ": " + input;
        }
    }

    static List<Row> rows() {
        List<String> lines = ShellTables.lines("wordsTest");
        Map<String, String> env = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                throw new IllegalStateException("wordsTest line " + lineNumber + " is blank");
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String definition = line.substring("ENV".length()).replaceFirst("^ +", "");
                int equals = definition.indexOf('=');
                env.put(definition.substring(0, equals), definition.substring(equals + 1));
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 2) {
                throw new IllegalStateException("wordsTest line " + lineNumber + " needs exactly one |: " + line);
            }
            String expected = parts[1].replaceFirst("^ +", "");
            rows.add(new Row(lineNumber, parts[0].strip(), Arrays.asList(expected.split(",", -1)),
                    Map.copyOf(env)));
        }
        return rows;
    }

    @Test
    void tableHasTwentyFourRowsAndKeepsTrailingSpacesOfDefinitions() {
        List<Row> rows = rows();
        assertEquals(24, rows.size());
        assertEquals("ab c   ", rows.get(rows.size() - 1).env().get("trailing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rowSplitsAsBuildKit(Row row) {
        List<String> actual;
        try {
            actual = EXPANDER.expandWords(row.input(), VariableLookup.of(row.env()));
        } catch (ShellExpansionException e) {
            actual = List.of("error");
        }
        assertEquals(row.expected(), actual, () -> "line " + row.line() + ": " + row.input());
    }
}
