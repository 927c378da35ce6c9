package dev.jbuild.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The help layout users know from the old command line, on a made-up command that has every kind of row. */
class HelpRendererTest {
    static final OptionSpec<String> ROOT = OptionSpec.single("--root").withLabel("DIR").asInherited()
            .withDescription("Store directory.");
    static final OptionSpec<Boolean> DEBUG = OptionSpec.flag("--debug").asInherited()
            .withDescription("Print stack traces with errors.");

    static final CommandSpec DEMO = CommandSpec.of("demo",
                    "Demonstrate how help is laid out: this first description line is long enough to wrap once.",
                    "A second line.")
            .withOptions(
                    OptionSpec.flag("-q", "--quiet").withDescription("Only show IDs."),
                    OptionSpec.single(Converters.BOOLEAN, "-H", "--human").withLabel("<human>")
                            .withDescription("Print sizes and dates in human readable format (default: true)."),
                    OptionSpec.flag("--no-cache").withDescription("Do not use the build cache."),
                    OptionSpec.list("--no-cache-filter").withLabel("STAGE")
                            .withDescription("Do not use the cache for these stages."),
                    OptionSpec.optionalValue(Converters.STRING, "on", "--shellcheck").withLabel("MODE")
                            .withDescription("Run shellcheck over RUN scripts: on (the default when given without a "
                                    + "value), auto or off."),
                    OptionSpec.single("--key").withLabel("KEY").asRequired().withDescription("Public key."),
                    OptionSpec.list("-t", "--tag").withLabel("NAME[:TAG]")
                            .withDescription("Name (and tag) for the image; repeatable."))
            .withPositionals(
                    PositionalSpec.required("CONTEXT")
                            .withDescription("Build context directory, or '-' for a tar or Dockerfile on stdin."),
                    PositionalSpec.optional("EXTRA"));

    static final CommandSpec PROG = CommandSpec.of("prog", "A program.")
            .withOptions(ROOT, DEBUG)
            .withSubcommands(SubcommandTable.of(DEMO, CommandSpec.of("x", "The shortest name.")));

    @Test
    void commandHelpHasSynopsisDescriptionAndSortedOptionRows() {
        assertEquals("""
                Usage: prog demo [-hqV] [--debug] [--no-cache] [--shellcheck[=MODE]]
                                 [-H=<human>] --key=KEY [--root=DIR]
                                 [--no-cache-filter=STAGE]... [-t=NAME[:TAG]]... CONTEXT [EXTRA]
                Demonstrate how help is laid out: this first description line is long enough to
                wrap once.
                A second line.
                      CONTEXT               Build context directory, or '-' for a tar or
                                              Dockerfile on stdin.
                      [EXTRA]
                      --debug               Print stack traces with errors.
                  -h, --help                Show this help message and exit.
                  -H, --human=<human>       Print sizes and dates in human readable format
                                              (default: true).
                      --key=KEY             Public key.
                      --no-cache            Do not use the build cache.
                      --no-cache-filter=STAGE
                                            Do not use the cache for these stages.
                  -q, --quiet               Only show IDs.
                      --root=DIR            Store directory.
                      --shellcheck[=MODE]   Run shellcheck over RUN scripts: on (the default
                                              when given without a value), auto or off.
                  -t, --tag=NAME[:TAG]      Name (and tag) for the image; repeatable.
                  -V, --version             Print version information and exit.
                """, HelpRenderer.render(List.of(PROG, DEMO)));
    }

    @Test
    void commandWithSubcommandsListsThemWithTheFirstLineOfTheirDescription() {
        String help = HelpRenderer.render(List.of(PROG));
        assertTrue(help.startsWith("Usage: prog [-hV] [--debug] [--root=DIR] [COMMAND]\nA program.\n"), help);
        assertTrue(help.endsWith("""
                Commands:
                  demo  Demonstrate how help is laid out: this first description line is long
                          enough to wrap once.
                  x     The shortest name.
                """), help);
    }

    @Test
    void noLineIsLongerThanEightyColumnsOrEndsInASpace() {
        for (String line : HelpRenderer.render(List.of(PROG, DEMO)).split("\n")) {
            assertTrue(line.length() <= HelpRenderer.WIDTH, line);
            assertTrue(!line.endsWith(" "), "'" + line + "'");
        }
    }

    @Test
    void optionTextThatFitsBeforeTheDescriptionColumnStaysOnItsLine() {
        // the column is set by texts of at most 20 characters; a 22-character one still leaves one space
        CommandSpec command = CommandSpec.of("c")
                .withOptions(OptionSpec.single("--change").withLabel("INSTRUCTION").withDescription("Twenty."),
                        OptionSpec.single("--abcdefghijk").withLabel("RATIOXXX").withDescription("Twenty-two."),
                        OptionSpec.single("--abcdefghijkl").withLabel("RATIOXXX").withDescription("Twenty-three."));
        String help = HelpRenderer.render(List.of(command));
        assertTrue(help.contains("\n      --abcdefghijk=RATIOXXX Twenty-two.\n"), help);
        assertTrue(help.contains("\n      --abcdefghijkl=RATIOXXX\n                             Twenty-three.\n"), help);
        assertTrue(help.contains("\n      --change=INSTRUCTION   Twenty.\n"), help);
    }
}
