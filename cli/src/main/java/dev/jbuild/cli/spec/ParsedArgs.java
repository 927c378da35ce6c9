package dev.jbuild.cli.spec;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The values of one parsed command, read by option name or parameter index: what was given, else the
 * option's default (picocli applies defaults, including those from the environment, before it reads
 * the line). Inherited options (the global ones) read the same on every command of a line.
 */
public final class ParsedArgs {
    private final CommandSpec command;

    public ParsedArgs(CommandSpec command) {
        this.command = command;
    }

    /** The command's model, for commands that print or walk it (help, completion). */
    public CommandSpec spec() {
        return command;
    }

    /** A flag: false when not given. */
    public boolean flag(String name) {
        return Boolean.TRUE.equals(option(name).getValue());
    }

    /** A single value, or null when not given and without default. */
    public <T> T value(String name) {
        return option(name).getValue();
    }

    /** A repeatable option's values in order; empty when not given. */
    public <T> List<T> values(String name) {
        List<T> values = option(name).getValue();
        return values == null ? List.of() : List.copyOf(values);
    }

    /** The word of a single-word parameter, or null when left out. */
    public <T> T positional(int index) {
        return parameter(index).getValue();
    }

    /** The words of a parameter that takes several; empty when none. */
    public List<String> positionals(int index) {
        List<String> words = parameter(index).getValue();
        return words == null ? List.of() : List.copyOf(words);
    }

    private OptionSpec option(String name) {
        OptionSpec option = command.findOption(name);
        if (option == null) {
            throw new IllegalStateException("'" + command.qualifiedName() + "' has no option " + name);
        }
        return option;
    }

    private ArgSpec parameter(int index) {
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            if (parameter.index().min() == index) {
                return parameter;
            }
        }
        throw new IllegalStateException("'" + command.qualifiedName() + "' has no parameter at index " + index);
    }
}
