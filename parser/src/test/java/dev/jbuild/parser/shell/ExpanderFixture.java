package dev.jbuild.parser.shell;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

/** The environment and helpers shared by the expander behaviour tests. */
final class ExpanderFixture {
    static final VariableLookup ENV = VariableLookup.of(Map.of(
            "PWD", "/home",
            "NULL", "",
            "SPACED", "a  b",
            "FILE", "/usr/local/bin/app.tar.gz",
            "FRUIT", "banana",
            "STARS", "a*b*c",
            "LINES", "ab\ncd",
            "SLASHED", "a/b",
            "BRACED", "a}b"));
    static final ShellExpander DEFAULT = new ShellExpander('\\');

    /** Seeds for mutation testing: one of each construct the lexer knows. */
    static final java.util.List<String> SEED_INPUTS = java.util.List.of(
            "hello", "he'll'o", "he\"l\\\"l\"o", "$PWD/x", "${PWD}", "${X:-default}", "${X-d}", "${PWD:+alt}",
            "${PWD+a}", "${X:?must}", "${X?m}", "${FILE#*/}", "${FILE##*/}", "${FILE%.*}", "${FILE%%.*}",
            "${FRUIT/an/AN}", "${FRUIT//an/AN}", "'single $PWD'", "\"double $PWD\"", "a\\ b", "$1$@$*$#",
            "${XXX:-\\${PWD}z}", "pre${SPACED}post", "<<EOF", "3<<-'END'", "${{", "${}", "$.", "\"${NULL:-x}\"");

    private ExpanderFixture() {
    }

    static String expand(ShellExpander expander, String input) {
        return expander.expandWord(input, ENV).value();
    }

    static String expand(String input) {
        return expand(DEFAULT, input);
    }

    static String failureMessage(ShellExpander expander, String input) {
        return assertThrows(ShellExpansionException.class, () -> expander.expandWord(input, ENV)).getMessage();
    }
}
