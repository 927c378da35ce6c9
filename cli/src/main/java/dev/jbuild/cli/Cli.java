package dev.jbuild.cli;

import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import dev.jbuild.platform.EditDistance;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The command line as an object: finds the command a line names, models it with picocli, parses the
 * line, runs the command, and turns every failure into one line on stderr and an exit code. Tests
 * drive this directly; {@link Main} only wires it to the process.
 */
public final class Cli {
    static {
        Commands.configure();
    }

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public Cli(InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
    }

    public int run(String... args) {
        if (plainVersionRequest(args)) {
            out.println(VersionProvider.version());
            return ExitCode.OK;
        }
        CommandWord word;
        try {
            word = CommandWord.find(ArgFiles.expand(Arrays.asList(args)), new HashSet<>(JbuildCommand.NAMES));
        } catch (CommandWord.UnknownCommandException e) {
            return unknownCommand(e.word);
        } catch (ParameterException e) {
            return usage(e.getMessage(), "jbuild");
        }
        ParseResult parsed;
        try {
            parsed = parse(word);
        } catch (ParameterException e) {
            return usage(e);
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested()) {
                return help(level.commandSpec(), ExitCode.OK);
            }
        }
        if (parsed.isVersionHelpRequested() || leaf.isVersionHelpRequested()) {
            out.println(VersionProvider.version());
            return ExitCode.OK;
        }
        ParsedArgs values = new ParsedArgs(leaf.commandSpec());
        Context context = new Context(stdin, out, err, env, GlobalOptions.from(values));
        try {
            String path = qualifiedPath(leaf.commandSpec());
            CliCommand command = JbuildCommand.create(path, values);
            if (command == null) {
                // bare 'jbuild' shows what there is to do; a bare group ('jbuild system') lacks its subcommand
                return help(leaf.commandSpec(), path.isEmpty() ? ExitCode.OK : ExitCode.USAGE);
            }
            UnsupportedFlags.check(leaf);
            return command.call(context);
        } catch (UsageException e) {
            return usage(e.getMessage(), leaf.commandSpec().qualifiedName());
        } catch (Exception e) {
            return report(e, context);
        }
    }

    /**
     * {@code jbuild --version} alone, what scripts and installers run to see that jbuild is there: printed
     * before the line is modelled, as picocli's model alone was most of that run's time. Not when an
     * environment default of a global option is set: picocli checks it (a bad {@code JBUILD_LOG_LEVEL}
     * fails even {@code --version}).
     */
    private boolean plainVersionRequest(String[] args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String variable : EnvironmentDefaults.VARIABLES.values()) {
            if (!env.getOrDefault(variable, "").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The commands a line needs modelled: the one it names; the whole tree for help, completion and a
     * bare {@code jbuild} (they list every command); none for {@code jbuild --version}.
     */
    private static CommandSpec model(CommandWord word) {
        if (word.command() == null) {
            return versionOnly(word.args()) ? JbuildCommand.root() : JbuildCommand.fullTree();
        }
        return word.command().equals("help") || word.command().equals("completion")
                ? JbuildCommand.fullTree() : JbuildCommand.tree(word.command());
    }

    /** {@code jbuild --version} and the like: no command and no help asked for, so no command is modelled. */
    private static boolean versionOnly(List<String> args) {
        return !args.isEmpty() && !args.contains("-h") && !args.contains("--help")
                && (args.contains("-V") || args.contains("--version"));
    }

    /**
     * Parses the line against the commands it needs. Docker's flags that jbuild does not implement
     * ({@link UnsupportedFlags}) are modelled only when a line uses one: most lines do not, and each
     * option modelled costs start-up time.
     */
    private ParseResult parse(CommandWord word) {
        // an array, not a method reference: the first lambda of a run costs it milliseconds of bootstrap
        String[] args = word.args().toArray(new String[0]);
        try {
            return commandLine(model(word)).parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            CommandSpec command = e.getCommandLine().getCommandSpec();
            if (!UnsupportedFlags.concern(command.name(), e.getUnmatched())) {
                throw e;
            }
            CommandSpec root = model(word);
            CommandLine line = commandLine(root);
            UnsupportedFlags.addTo(line.getSubcommands().get(command.name()).getCommandSpec());
            return line.parseArgs(args);
        }
    }

    private CommandLine commandLine(CommandSpec root) {
        CommandLine line = new CommandLine(root);
        line.setDefaultValueProvider(new EnvironmentDefaults(env));
        return line;
    }

    /** The words after the program name that select {@code command}: {@code "system check"}, or "" for the root. */
    private static String qualifiedPath(CommandSpec command) {
        String name = command.qualifiedName(" ");
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1);
    }

    /**
     * Prints a command's help. The root's lists every command, so it is printed from the whole tree
     * even when the line modelled fewer.
     */
    private int help(CommandSpec command, int exitCode) {
        boolean partialRoot = command.parent() == null && command.subcommands().size() < JbuildCommand.NAMES.size();
        HelpPrinter.print(partialRoot ? new CommandLine(JbuildCommand.fullTree()).getCommandSpec() : command, out, env);
        return exitCode;
    }

    private int unknownCommand(String word) {
        CommandLine whole = new CommandLine(JbuildCommand.fullTree());
        // picocli finds the commands that look alike (shared letter pairs), which ranks a swap of two
        // letters poorly ('biuld' shares as much with 'pull' as with 'build'); the fewest edits decide
        // among them, picocli's order breaking ties.
        List<String> similar = new UnmatchedArgumentException(whole, List.of(word)).getSuggestions();
        String closest = similar.stream()
                .min(java.util.Comparator.comparingInt(candidate -> EditDistance.levenshtein(word, candidate)))
                .orElse(null);
        String message = "'" + word + "' is not a jbuild command"
                + (closest == null ? ", nor a build context directory" : ". Did you mean: " + closest + "?");
        return usage(message, "jbuild");
    }

    private int usage(ParameterException e) {
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            List<String> similar = unmatched.getSuggestions();
            if (!similar.isEmpty()) {
                message += ". Did you mean: " + String.join(" or ", similar) + "?";
            }
        }
        return usage(message, e.getCommandLine().getCommandSpec().qualifiedName());
    }

    private int usage(String message, String command) {
        err.println("jbuild: " + message);
        err.println("Run '" + command + " --help' for usage.");
        return ExitCode.USAGE;
    }

    private static Path storeRoot(Context context) {
        try {
            return context.global().storeRoot(context.env());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int report(Exception e, Context context) {
        Failures.Report report = Failures.of(e, storeRoot(context), context.global().debug());
        err.println(report.text());
        if (context.global().debug()) {
            e.printStackTrace(err);
        }
        return report.exitCode();
    }
}
