package dev.jbuild.cli;

import dev.jbuild.cli.spec.Args;
import dev.jbuild.cli.spec.Commands;
import dev.jbuild.cli.spec.ParsedArgs;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jbuild help [COMMAND...]}: the help of the named command ({@code help system check}), or of jbuild. */
final class HelpCommand implements CliCommand {

    static CommandSpec spec() {
        CommandSpec spec = Commands.command("help",
                "Display help information about the specified command.",
                "When no COMMAND is given, the usage help for the main command is displayed.",
                "If a COMMAND is specified, the help for that command is shown.");
        spec.addPositional(Args.zeroOrMore(0, "COMMAND")
                .description("The COMMAND to display the usage help message for.").build());
        return spec;
    }

    private final CommandSpec root;
    private final List<String> words;

    HelpCommand(ParsedArgs args) {
        this.root = args.spec().root();
        this.words = args.positionals(0);
    }

    @Override
    public int call(Context context) {
        CommandSpec command = root;
        for (String word : words) {
            var subcommand = command.subcommands().get(word);
            if (subcommand == null) {
                throw new UsageException("Unknown subcommand '" + word + "'.");
            }
            command = subcommand.getCommandSpec();
        }
        HelpPrinter.print(command, context.out(), context.env());
        return ExitCode.OK;
    }
}
