package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.OptionSpec;
import dev.jbuild.cli.args.PositionalSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jbuild's own command tree through {@link Cli}: every command's help, help and version everywhere, usage errors. */
class CommandLineTest {

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CommandLineTest.class.getResourceAsStream("/help/" + name + ".txt")) {
            assertNotNull(in, "no golden help for " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every command path under the root, as the words that select it ({@code [system, check]}). */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(JbuildCommand.SPEC, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandSpec command, List<String> words, List<List<String>> paths) {
        for (String name : command.subcommands().names()) {
            CommandSpec subcommand = command.subcommands().find(name);
            assertNotNull(subcommand, name);
            assertEquals(name, subcommand.name());
            List<String> path = new ArrayList<>(words);
            path.add(name);
            paths.add(path);
            collect(subcommand, path, paths);
        }
    }

    /** The help of each command, byte for byte: the layout and content users know. */
    @ParameterizedTest
    @ValueSource(strings = {"jbuild", "build", "parse", "lint", "images", "inspect", "history", "tag", "rmi", "import",
            "export", "system", "system check", "prune", "info", "save", "load", "verify", "key", "key generate", "diff",
            "analyze", "sbom", "cache", "cache export", "cache import"})
    void helpOfEveryCommandIsUnchanged(String command) throws IOException {
        List<String> args = new ArrayList<>(command.equals("jbuild") ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Run run = run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        assertEquals(golden(command.replace(' ', '-')), run.out());
        Run helpCommand = run(("help " + command).replace("help jbuild", "help").split(" "));
        assertEquals(run.out(), helpCommand.out(), "'jbuild help " + command + "' shows the same");
    }

    @Test
    void everyCommandsHelpShowsItsOptionsParametersAndTheGlobalOptions() {
        List<List<String>> paths = commandPaths();
        assertEquals(26, paths.size(), paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("-h");
            Run run = run(args.toArray(String[]::new));
            assertEquals(0, run.exit(), path + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: jbuild " + String.join(" ", path) + " "), run.out());
            CommandSpec command = JbuildCommand.SPEC;
            for (String word : path) {
                command = command.subcommands().find(word);
            }
            List<OptionSpec<?>> options = new ArrayList<>(command.options());
            options.addAll(GlobalOptions.OPTIONS);
            for (OptionSpec<?> option : options) {
                String label = option.paramLabel() == null ? "" : option.paramLabel();
                assertTrue(run.out().contains(option.longName()), path + " lacks " + option.longName());
                assertTrue(run.out().contains(label), path + " lacks " + label);
                assertTrue(run.out().contains(option.description().substring(0, 12)), path + " lacks " + option.description());
            }
            for (PositionalSpec parameter : command.positionals()) {
                assertTrue(run.out().contains(parameter.label()), path + " lacks " + parameter.label());
            }
        }
    }

    @Test
    void versionWorksOnEveryCommand() {
        String version = run("--version").out();
        assertTrue(version.matches("jbuild \\S+ \\(Java .+\\)\n"), version);
        for (List<String> path : commandPaths()) {
            List<String> args = new ArrayList<>(path);
            args.add("-V");
            assertEquals(version, run(args.toArray(String[]::new)).out(), path.toString());
        }
    }

    @Test
    void bareJbuildShowsItsHelpAndSucceeds() throws IOException {
        Run run = run();
        assertEquals(0, run.exit());
        assertEquals(golden("jbuild"), run.out());
        assertEquals(golden("jbuild"), run("--debug").out());
    }

    @Test
    void bareGroupShowsItsHelpButIsAUsageError() throws IOException {
        Run run = run("system");
        assertEquals(2, run.exit());
        assertEquals(golden("system"), run.out());
        assertEquals(2, run("key").exit());
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        Run run = run("help", "bogus");
        assertEquals(2, run.exit());
        assertEquals("jbuild: Unknown subcommand 'bogus'.\nRun 'jbuild --help' for usage.\n", run.err());
    }

    @Test
    void usageErrorsNameTheCommandToAskForHelp() {
        Run extra = run("system", "check", "extra");
        assertEquals(2, extra.exit());
        assertEquals("jbuild: Unmatched argument at index 2: 'extra'\nRun 'jbuild system check --help' for usage.\n",
                extra.err());
        Run tag = run("tag", "a", "b", "c");
        assertEquals("jbuild: Unmatched argument at index 3: 'c'\nRun 'jbuild tag --help' for usage.\n", tag.err());
        Run missing = run("key", "generate");
        assertEquals("jbuild: Missing required option: '--out=NAME'\nRun 'jbuild key generate --help' for usage.\n",
                missing.err());
        Run tagValue = run("build", "--tag");
        assertEquals("jbuild: Missing required parameter for option '--tag' (NAME[:TAG])\n"
                + "Run 'jbuild build --help' for usage.\n", tagValue.err());
        Run level = run("--log-level", "loud", "info");
        assertEquals("jbuild: Invalid value for option '--log-level': 'loud' (expected error, warn, info or debug)\n"
                + "Run 'jbuild --help' for usage.\n", level.err());
        Run epoch = run("build", "--source-date-epoch", "soon", ".");
        assertEquals("jbuild: Invalid value for option '--source-date-epoch': 'soon' is not a long\n"
                + "Run 'jbuild build --help' for usage.\n", epoch.err());
        assertEquals("", epoch.out());
    }

    @Test
    void usageErrorFoundByARunningCommandNamesThatCommand() {
        Run run = run("lint", "--ignore", "DL9999", "-f", "-");
        assertEquals(2, run.exit());
        assertEquals("jbuild: unknown rule 'DL9999' in --ignore\nRun 'jbuild lint --help' for usage.\n", run.err());
    }

    @Test
    void aWordThatIsNoCommandIsTheBuildContext() {
        Run run = run("--root", "/nonexistent-root", "no-such-dir");
        assertEquals(1, run.exit());
        assertEquals("jbuild: unable to prepare context: path \"no-such-dir\" not found\n", run.err());
    }
}
