package dev.jbuild.cli.args;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line read against a {@link CommandSpec} tree: which command it selects, the converted value
 * of every option given (global ones included, wherever they stood) and the positional words.
 * Commands read their values by the same {@link OptionSpec} and {@link PositionalSpec} constants they
 * declared, so each value comes back with its type.
 */
public final class ParsedArgs {
    private final List<CommandSpec> commands;
    // By identity: options are constants, and a record's hashCode would need a bootstrap on each start.
    private final Map<OptionSpec<?>, List<Object>> values;
    private final Map<PositionalSpec, List<String>> words;
    private final boolean helpRequested;
    private final boolean versionRequested;

    ParsedArgs(List<CommandSpec> commands, IdentityHashMap<OptionSpec<?>, List<Object>> values,
               IdentityHashMap<PositionalSpec, List<String>> words, boolean helpRequested, boolean versionRequested) {
        this.commands = List.copyOf(commands);
        this.values = values;
        this.words = words;
        this.helpRequested = helpRequested;
        this.versionRequested = versionRequested;
    }

    /** The selected command and its ancestors, root first. */
    public List<CommandSpec> commands() {
        return commands;
    }

    /** The selected command: the last word of {@link #commandNames()}. */
    public CommandSpec command() {
        return commands.get(commands.size() - 1);
    }

    /** The names of {@link #commands()}: {@code [jbuild, system, check]}. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (CommandSpec command : commands) {
            names.add(command.name());
        }
        return names;
    }

    /** {@code -h}/{@code --help} was given; the rest of the line was not read. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** {@code -V}/{@code --version} was given; the rest of the line was not read. */
    public boolean versionRequested() {
        return versionRequested;
    }

    public boolean isGiven(OptionSpec<?> option) {
        return values.containsKey(option);
    }

    /** The value given last, else the option's default (null when it has none). */
    @SuppressWarnings("unchecked")
    public <T> T value(OptionSpec<T> option) {
        List<Object> given = values.get(option);
        return given == null ? option.defaultValue() : (T) given.get(given.size() - 1);
    }

    /** Every value given, in order; empty when the option was not given. */
    @SuppressWarnings("unchecked")
    public <T> List<T> values(OptionSpec<T> option) {
        List<Object> given = values.get(option);
        List<T> typed = new ArrayList<>();
        if (given != null) {
            for (Object value : given) {
                typed.add((T) value);
            }
        }
        return List.copyOf(typed);
    }

    /** A flag's value: given (and not {@code =false}), or its default. */
    public boolean flag(OptionSpec<Boolean> option) {
        return Boolean.TRUE.equals(value(option));
    }

    /** The word a single positional parameter got, or null. */
    public String positional(PositionalSpec parameter) {
        List<String> got = words.get(parameter);
        return got == null || got.isEmpty() ? null : got.get(0);
    }

    /** Every word a positional parameter got, in order. */
    public List<String> positionals(PositionalSpec parameter) {
        List<String> got = words.get(parameter);
        return got == null ? List.of() : List.copyOf(got);
    }
}
