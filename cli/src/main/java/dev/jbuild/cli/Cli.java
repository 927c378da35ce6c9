package dev.jbuild.cli;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line as an object: parses arguments, runs the command, and turns every failure into one
 * line on stderr and an exit code. Tests drive this directly; {@link Main} only wires it to the process.
 */
public final class Cli {
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
        Context context = new Context(stdin, out, err, env);
        JbuildCommand top = new JbuildCommand(context);
        CommandLine commandLine = new CommandLine(top);
        String[] routed = DefaultCommand.apply(args, JbuildCommand.commandNames());
        // Before the settings below: picocli copies them only to the subcommands already added.
        JbuildCommand.addCommands(commandLine, DefaultCommand.commandWord(routed));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, context));
        commandLine.setParameterExceptionHandler((e, parsedArgs) -> usage(e));
        return commandLine.execute(routed);
    }

    private int usage(CommandLine.ParameterException e) {
        err.println("jbuild: " + e.getMessage());
        String name = e.getCommandLine().getCommandName();
        String command = e.getCommandLine().getParent() == null ? "jbuild" : "jbuild " + name;
        err.println("Run '" + command + " --help' for usage.");
        return ExitCode.USAGE;
    }

    private int report(Exception e, Context context) {
        boolean debug = context.global().debug;
        if (e instanceof DockerfileSyntaxException syntax) {
            err.println(syntax.range() == null ? "jbuild: " + syntax.oneLine() : syntax.withCaret());
        } else if (e instanceof UserError) {
            err.println("jbuild: " + e.getMessage());
        } else {
            err.println("jbuild: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILED;
    }
}
