package dev.jbuild.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command accepts and how its help reads: name, description lines, options, positional
 * parameters and subcommands. Every command gets {@link #HELP} and {@link #VERSION} ({@code -h},
 * {@code -V}) from {@link #of}.
 *
 * @param name              the word that selects it ({@code build}; the program name for the root)
 * @param description       help lines under the synopsis; the first is the summary in command lists
 * @param options           its own options, in declaration order (help sorts them)
 * @param positionals       positional parameters, in order
 * @param subcommands       commands below it ({@link SubcommandTable#NONE} for none)
 * @param defaultSubcommand the subcommand a word or option this command does not know starts, or null:
 *                          {@code jbuild -f Dockerfile.test .} means {@code jbuild build -f Dockerfile.test .}
 */
public record CommandSpec(String name, List<String> description, List<OptionSpec<?>> options,
                          List<PositionalSpec> positionals, SubcommandTable subcommands, String defaultSubcommand) {

    public static final OptionSpec<Boolean> HELP = OptionSpec.flag("-h", "--help")
            .withDescription("Show this help message and exit.");
    public static final OptionSpec<Boolean> VERSION = OptionSpec.flag("-V", "--version")
            .withDescription("Print version information and exit.");

    public CommandSpec {
        description = List.copyOf(description);
        options = List.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /** A command with the standard help and version options and nothing else yet. */
    public static CommandSpec of(String name, String... description) {
        return new CommandSpec(name, List.of(description), List.of(HELP, VERSION), List.of(), SubcommandTable.NONE,
                null);
    }

    /** This command with {@code more} options added after those it has. */
    public CommandSpec withOptions(OptionSpec<?>... more) {
        return withOptions(List.of(more));
    }

    public CommandSpec withOptions(List<OptionSpec<?>> more) {
        List<OptionSpec<?>> all = new ArrayList<>(options);
        all.addAll(more);
        return new CommandSpec(name, description, all, positionals, subcommands, defaultSubcommand);
    }

    public CommandSpec withPositionals(PositionalSpec... parameters) {
        return new CommandSpec(name, description, options, List.of(parameters), subcommands, defaultSubcommand);
    }

    public CommandSpec withSubcommands(SubcommandTable table) {
        return new CommandSpec(name, description, options, positionals, table, defaultSubcommand);
    }

    public CommandSpec withDefaultSubcommand(String subcommand) {
        return new CommandSpec(name, description, options, positionals, subcommands, subcommand);
    }

    /**
     * The options a command on {@code path} (root first, the command last) accepts: its own and those
     * its ancestors declare {@linkplain OptionSpec#inherited() inherited}.
     */
    public static List<OptionSpec<?>> optionsInScope(List<CommandSpec> path) {
        List<OptionSpec<?>> scope = new ArrayList<>(path.get(path.size() - 1).options());
        for (int level = path.size() - 2; level >= 0; level--) {
            for (OptionSpec<?> option : path.get(level).options()) {
                if (option.inherited() && !containsSame(scope, option)) {
                    scope.add(option);
                }
            }
        }
        return scope;
    }

    /** By identity: a record's equals would compare converters and defaults, and costs a bootstrap on first use. */
    private static boolean containsSame(List<OptionSpec<?>> options, OptionSpec<?> option) {
        for (OptionSpec<?> candidate : options) {
            if (candidate == option) {
                return true;
            }
        }
        return false;
    }
}
