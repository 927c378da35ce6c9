package dev.jbuild.cli;

import dev.jbuild.parser.text.Excerpt;

import dev.jbuild.cli.args.ArgParser;
import dev.jbuild.cli.args.HelpRenderer;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.UsageException;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.text.Excerpt;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        ParsedArgs parsed;
        try {
            parsed = ArgParser.parse(JbuildCommand.SPEC, args);
        } catch (UsageException e) {
            return usage(e, e.command());
        }
        if (parsed.helpRequested()) {
            out.print(HelpRenderer.render(parsed.commands()));
            out.flush();
            return ExitCode.OK;
        }
        if (parsed.versionRequested()) {
            out.println(VersionProvider.version());
            return ExitCode.OK;
        }
        Context context = new Context(stdin, out, err, env, GlobalOptions.from(parsed));
        try {
            CliCommand command = JbuildCommand.create(parsed);
            if (command == null) {
                // bare 'jbuild' shows what there is to do; a bare group ('jbuild system') lacks its subcommand
                out.print(HelpRenderer.render(parsed.commands()));
                out.flush();
                return parsed.commands().size() == 1 ? ExitCode.OK : ExitCode.USAGE;
            }
            return command.call(context);
        } catch (UsageException e) {
            return usage(e, e.command().isEmpty() ? parsed.commandNames() : e.command());
        } catch (Exception e) {
            return report(e, context);
        }
    }

    private int usage(UsageException e, List<String> command) {
        err.println("jbuild: " + e.getMessage());
        err.println("Run '" + String.join(" ", command) + " --help' for usage.");
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
        boolean debug = context.global().debug();
        String systemError = SystemErrors.describe(e, storeRoot(context));
        if (e instanceof DockerfileSyntaxException syntax) {
            err.println(syntax.range() == null ? "jbuild: " + syntax.oneLine() : syntax.withCaret());
        } else if (e instanceof UserError) {
            err.println("jbuild: " + Excerpt.message(e.getMessage()));
        } else if (systemError != null) {
            err.println("jbuild: " + systemError);
        } else {
            err.println("jbuild: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return ExitCode.FAILED;
    }
}
