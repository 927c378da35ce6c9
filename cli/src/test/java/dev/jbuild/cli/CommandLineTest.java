package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/** jbuild's own command tree through {@link Cli}: every command's help, help and version everywhere, usage errors. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        return runWith(Map.of(), args);
    }

    private static Run runWith(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CommandLineTest.class.getResourceAsStream("/help/" + name + ".txt")) {
            assertNotNull(in, "no golden help for " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Compares with the golden file; {@code mvn test -Djbuild.updateGoldens=true} rewrites it instead, for
     * a change of help that is meant (review the diff before committing it).
     */
    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("jbuild.updateGoldens")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/help", name + ".txt"), actual);
            return;
        }
        assertEquals(golden(name), actual);
    }

    /** The whole tree, as help and completion model it. */
    private static CommandSpec tree() {
        return new CommandLine(JbuildCommand.fullTree()).getCommandSpec();
    }

    /** Every command path under the root, as the words that select it ({@code [system, check]}). */
    private static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(tree(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandSpec command, List<String> words, List<List<String>> paths) {
        for (var entry : command.subcommands().entrySet()) {
            CommandSpec subcommand = entry.getValue().getCommandSpec();
            assertEquals(entry.getKey(), subcommand.name());
            List<String> path = new ArrayList<>(words);
            path.add(entry.getKey());
            paths.add(path);
            collect(subcommand, path, paths);
        }
    }

    /** The help of each command, byte for byte: the layout and content users know. */
    @ParameterizedTest
    @ValueSource(strings = {"jbuild", "build", "parse", "lint", "images", "inspect", "history", "tag", "rmi", "import",
            "export", "diff", "analyze", "sbom", "system", "system check", "cache", "cache export", "cache import",
            "prune", "info", "save", "load", "verify", "key", "key generate", "pull", "push", "login", "logout",
            "completion", "help"})
    void helpOfEveryCommandIsUnchanged(String command) throws IOException {
        List<String> args = new ArrayList<>(command.equals("jbuild") ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Run run = run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        assertGolden(command.replace(' ', '-'), run.out());
        Run helpCommand = run(("help " + command).replace("help jbuild", "help").split(" "));
        assertEquals(run.out(), helpCommand.out(), "'jbuild help " + command + "' shows the same");
    }

    @Test
    void everyCommandsHelpShowsItsOptionsParametersAndTheGlobalOptions() {
        List<List<String>> paths = commandPaths();
        assertEquals(JbuildCommand.NAMES.size() + 4, paths.size(), paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("-h");
            Run run = run(args.toArray(String[]::new));
            assertEquals(0, run.exit(), path + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: jbuild " + String.join(" ", path) + " "), run.out());
            CommandSpec command = tree();
            for (String word : path) {
                command = command.subcommands().get(word).getCommandSpec();
            }
            for (OptionSpec option : command.options()) {
                if (option.hidden()) {
                    assertTrue(!run.out().contains(option.longestName() + " "), path + " shows hidden " + option.longestName());
                    continue;
                }
                assertTrue(run.out().contains(option.longestName()), path + " lacks " + option.longestName());
                assertTrue(option.arity().max() == 0 || run.out().contains(option.paramLabel()),
                        path + " lacks " + option.paramLabel());
                assertTrue(run.out().contains(option.description()[0].substring(0, 12)), path + " lacks "
                        + option.description()[0]);
            }
            assertTrue(command.findOption("--root") != null && command.findOption("--debug") != null,
                    path + " lacks the global options");
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                assertTrue(run.out().contains(parameter.paramLabel()), path + " lacks " + parameter.paramLabel());
            }
        }
    }

    /** The short way out for a bare --version prints what the modelled line prints. */
    @Test
    void aBareVersionRequestPrintsWhatTheModelledLinePrints() {
        String version = run("--version").out();
        assertEquals(version, run("-V").out());
        assertEquals(version, run("--debug", "--version").out());
        assertEquals(version, runWith(Map.of("JBUILD_ROOT", dir.resolve("r").toString()), "--version").out());
        assertEquals(0, run("--version").exit());
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
        assertGolden("jbuild", run.out());
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
        assertEquals("jbuild: Unknown subcommand 'bogus'.\nRun 'jbuild help --help' for usage.\n", run.err());
    }

    @Test
    void usageErrorsNameTheCommandToAskForHelp() {
        Run extra = run("system", "check", "extra");
        assertEquals(2, extra.exit());
        assertEquals("jbuild: Unmatched argument at index 2: 'extra'\nRun 'jbuild system check --help' for usage.\n",
                extra.err());
        Run missingParameter = run("tag", "a");
        assertEquals("jbuild: Missing required parameter: 'TARGET_IMAGE[:TAG]'\nRun 'jbuild tag --help' for usage.\n",
                missingParameter.err());
        Run tag = run("tag", "a", "b", "c");
        assertEquals("jbuild: Unmatched argument at index 3: 'c'\nRun 'jbuild tag --help' for usage.\n", tag.err());
        Run missing = run("verify", "--key", "k.pub");
        assertEquals("jbuild: Missing required option: '--input=FILE'\nRun 'jbuild verify --help' for usage.\n",
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
    void aPathThatIsNoCommandIsTheBuildContext() {
        Run run = run("--root", "/nonexistent-root", "./no-such-dir");
        assertEquals(1, run.exit());
        assertEquals("jbuild: unable to prepare context: path \"./no-such-dir\" not found\n", run.err());
    }

    @Test
    void aMistypedCommandIsNamedWithTheCommandsItResembles() {
        Run run = run("biuld", ".");
        assertEquals(2, run.exit());
        assertEquals("jbuild: 'biuld' is not a jbuild command. Did you mean: build?\nRun 'jbuild --help' for usage.\n",
                run.err());
        Run images = run("--root", "/nonexistent-root", "imgaes");
        assertEquals("jbuild: 'imgaes' is not a jbuild command. Did you mean: images?\nRun 'jbuild --help' for usage.\n",
                images.err());
    }

    @Test
    void aWordThatIsNoCommandNoPathAndLikeNoCommandSaysSo() {
        Run run = run("zzz");
        assertEquals(2, run.exit());
        assertEquals("jbuild: 'zzz' is not a jbuild command, nor a build context directory\n"
                + "Run 'jbuild --help' for usage.\n", run.err());
    }

    @Test
    void anExistingDirectoryWithoutTheBuildWordIsTheContext() throws IOException {
        Path context = Files.createDirectory(dir.resolve("biuld"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUNN x\n");
        Run run = run("--root", dir.resolve("store").toString(), context.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("unknown instruction: RUNN"), run.err());
    }

    @Test
    void aMistypedOptionIsNamedWithTheOptionsItResembles() {
        Run run = run("build", "--no-cahce", ".");
        assertEquals(2, run.exit());
        assertEquals("jbuild: Unknown option: '--no-cahce'. Did you mean: --no-cache or --no-cache-filter?\n"
                + "Run 'jbuild build --help' for usage.\n", run.err());
    }

    @Test
    void dockerFlagsJbuildDoesNotImplementSaySoAndNoOpsPass() {
        Run cpus = run("build", "--cpu-quota", "50000", ".");
        assertEquals(1, cpus.exit());
        assertEquals("jbuild: build --cpu-quota is not implemented (a Docker flag): RUN steps take --memory and "
                + "--pids-limit, not CPU limits or swap\n", cpus.err());
        Run attest = run("-f", "Dockerfile", "--attest", "type=sbom", ".");
        assertEquals("jbuild: build --attest is not implemented (a Docker flag): jbuild writes no attestations\n",
                attest.err());
        Run provenance = run("build", "--provenance", "true", ".");
        assertTrue(provenance.err().startsWith("jbuild: build --provenance is not implemented"), provenance.err());
        Run noOps = run("--root", "/nonexistent-root", "build", "--rm", "--force-rm=true", "--provenance=false",
                "--sbom=false", "--squash=false", "./no-such-dir");
        assertEquals("jbuild: unable to prepare context: path \"./no-such-dir\" not found\n", noOps.err(),
                "the flags were accepted and the build went on to its context");
    }

    @Test
    void argumentFilesAreExpandedBeforeTheCommandIsFound() throws IOException {
        Path file = dir.resolve("args");
        Files.writeString(file, "# the command and its options\n--root \"" + dir.resolve("store") + "\"\nimages -q\n");
        Run run = run("@" + file);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(Files.isDirectory(dir.resolve("store")), "the store named in the file was opened");
    }

    @Test
    void environmentVariablesGiveDefaultsThatOptionsOverride() {
        Path store = dir.resolve("from-env");
        Run run = runWith(Map.of("JBUILD_ROOT", store.toString()), "images");
        assertEquals(0, run.exit(), run.err());
        assertTrue(Files.isDirectory(store), "JBUILD_ROOT named the store");
        Path option = dir.resolve("from-option");
        assertEquals(0, runWith(Map.of("JBUILD_ROOT", store.toString()), "--root", option.toString(), "images").exit());
        assertTrue(Files.isDirectory(option), "--root wins over JBUILD_ROOT");
        Run level = runWith(Map.of("JBUILD_LOG_LEVEL", "loud"), "--version");
        assertEquals(2, level.exit());
        assertTrue(level.err().contains("'loud' (expected error, warn, info or debug)"), level.err());
        Run debug = runWith(Map.of("JBUILD_DEBUG", "1"), "--root", dir.resolve("s").toString(), "build",
                "--iidfile", dir.resolve("no/such/dir/iid").toString(), "-f", "-", "-");
        assertTrue(debug.err().contains("\tat "), "JBUILD_DEBUG=1 prints stack traces: " + debug.err());
    }

    @Test
    void everyEnvironmentDefaultIsNamedInTheHelpOfItsOption() {
        CommandSpec tree = tree();
        EnvironmentDefaults.VARIABLES.forEach((option, variable) -> {
            boolean named = false;
            for (CommandLine command : tree.commandLine().getSubcommands().values()) {
                OptionSpec spec = command.getCommandSpec().findOption(option);
                if (spec != null) {
                    assertTrue(String.join(" ", spec.description()).contains("$" + variable), option + " lacks $" + variable);
                    named = true;
                }
            }
            assertTrue(named, option + " is an option of some command");
        });
    }

    @Test
    void helpIsInColourOnlyOnATerminalWithoutNoColor() {
        assertTrue(!HelpPrinter.colour(new PrintStream(new ByteArrayOutputStream()), Map.of()), "not the process's stdout");
        assertTrue(!HelpPrinter.colour(System.out, Map.of("NO_COLOR", "1")), "NO_COLOR set");
        assertTrue(!run("--help").out().contains("\u001b["), "no escape codes in captured help");
    }
}
