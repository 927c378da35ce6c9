package dev.jbuild.cli;

import dev.jbuild.cli.args.CommandSpec;
import dev.jbuild.cli.args.HelpRenderer;
import dev.jbuild.cli.args.ParsedArgs;
import dev.jbuild.cli.args.PositionalSpec;
import dev.jbuild.cli.args.UsageException;
import java.util.ArrayList;
import java.util.List;

/** {@code jbuild help [COMMAND...]}: the help of the named command ({@code help system check}), or of jbuild. */
final class HelpCommand implements CliCommand {
    static final PositionalSpec COMMAND = PositionalSpec.zeroOrMore("COMMAND")
            .withDescription("The COMMAND to display the usage help message for.");

    static final CommandSpec SPEC = CommandSpec.of("help",
                    "Display help information about the specified command.",
                    "When no COMMAND is given, the usage help for the main command is displayed.",
                    "If a COMMAND is specified, the help for that command is shown.")
            .withPositionals(COMMAND);

    private final CommandSpec root;
    private final List<String> words;

    HelpCommand(ParsedArgs args) {
        this.root = args.commands().get(0);
        this.words = args.positionals(COMMAND);
    }

    @Override
    public int call(Context context) {
        List<CommandSpec> path = new ArrayList<>(List.of(root));
        for (String word : words) {
            CommandSpec subcommand = path.get(path.size() - 1).subcommands().find(word);
            if (subcommand == null) {
                throw new UsageException("Unknown subcommand '" + word + "'.", List.of(root.name()));
            }
            path.add(subcommand);
        }
        context.out().print(HelpRenderer.render(path));
        return ExitCode.OK;
    }
}
