package dev.jbuild.cli.args;

import java.util.List;

/**
 * One option of a command, declared in plain code: its names ({@code -t}, {@code --tag}), how many
 * values it takes, how a value is converted, the label and description its help shows, and the value
 * a command sees when the option is not given. Build one with {@link #flag}, {@link #single},
 * {@link #list} or {@link #optionalValue} and the {@code with...} methods.
 *
 * <p>Values are typed: a command reads {@code args.value(TAG)} and gets a {@code T}, so there is no
 * field injection and no reflection anywhere between the command line and the command.
 *
 * @param names         every name, each {@code -x} (one letter) or {@code --long-name}
 * @param arity         how many values one occurrence takes
 * @param converter     text to value, run while the command line is read
 * @param paramLabel    what the help calls the value ({@code FILE}); null for flags
 * @param description   one line of help, wrapped when shown
 * @param required      a usage error when missing
 * @param inherited     also an option of every subcommand below the command that declares it
 * @param defaultValue  the value when the option is not given (null: none)
 * @param fallbackValue the value when an {@link Arity#OPTIONAL_VALUE} option is given without one
 */
public record OptionSpec<T>(List<String> names, Arity arity, ValueConverter<T> converter, String paramLabel,
                            String description, boolean required, boolean inherited, T defaultValue,
                            T fallbackValue) {

    public OptionSpec {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String name : names) {
            boolean shortName = name.length() == 2 && name.charAt(0) == '-' && name.charAt(1) != '-';
            boolean longName = name.length() > 2 && name.startsWith("--") && name.indexOf('=') < 0;
            if (!shortName && !longName) {
                throw new IllegalArgumentException("not an option name: '" + name + "'");
            }
        }
        if (converter == null) {
            throw new IllegalArgumentException("option " + names.get(0) + " has no converter");
        }
        if (arity != Arity.FLAG && (paramLabel == null || paramLabel.isEmpty())) {
            throw new IllegalArgumentException("option " + names.get(0) + " takes a value but has no label");
        }
        description = description == null ? "" : description;
    }

    /** An option without a value: {@code true} when given, else {@code false}. */
    public static OptionSpec<Boolean> flag(String... names) {
        return new OptionSpec<>(List.of(names), Arity.FLAG, Converters.BOOLEAN, null, "", false, false,
                Boolean.FALSE, Boolean.TRUE);
    }

    /** An option with one text value. */
    public static OptionSpec<String> single(String... names) {
        return single(Converters.STRING, names);
    }

    /** An option with one value, converted. */
    public static <T> OptionSpec<T> single(ValueConverter<T> converter, String... names) {
        return new OptionSpec<>(List.of(names), Arity.SINGLE, converter, "VALUE", "", false, false, null, null);
    }

    /** A repeatable option with text values, in the order given. */
    public static OptionSpec<String> list(String... names) {
        return list(Converters.STRING, names);
    }

    /** A repeatable option, each value converted. */
    public static <T> OptionSpec<T> list(ValueConverter<T> converter, String... names) {
        return new OptionSpec<>(List.of(names), Arity.LIST, converter, "VALUE", "", false, false, null, null);
    }

    /** An option whose value may be left out, which then means {@code fallback}. */
    public static <T> OptionSpec<T> optionalValue(ValueConverter<T> converter, T fallback, String... names) {
        return new OptionSpec<>(List.of(names), Arity.OPTIONAL_VALUE, converter, "VALUE", "", false, false, null,
                fallback);
    }

    public OptionSpec<T> withLabel(String label) {
        return new OptionSpec<>(names, arity, converter, label, description, required, inherited, defaultValue,
                fallbackValue);
    }

    public OptionSpec<T> withDescription(String text) {
        return new OptionSpec<>(names, arity, converter, paramLabel, text, required, inherited, defaultValue,
                fallbackValue);
    }

    public OptionSpec<T> withDefault(T value) {
        return new OptionSpec<>(names, arity, converter, paramLabel, description, required, inherited, value,
                fallbackValue);
    }

    /** Missing it is a usage error ({@code Missing required option: '--out=NAME'}). */
    public OptionSpec<T> asRequired() {
        return new OptionSpec<>(names, arity, converter, paramLabel, description, true, inherited, defaultValue,
                fallbackValue);
    }

    /** Accepted by every subcommand too, before or after its name (the global options). */
    public OptionSpec<T> asInherited() {
        return new OptionSpec<>(names, arity, converter, paramLabel, description, required, true, defaultValue,
                fallbackValue);
    }

    /** The name error messages use: the longest, as they always have ({@code '--tag'}, not {@code '-t'}). */
    public String longestName() {
        String longest = names.get(0);
        for (String name : names) {
            if (name.length() > longest.length()) {
                longest = name;
            }
        }
        return longest;
    }

    /** The name the synopsis and the sort order use: the shortest ({@code -t}). */
    public String shortestName() {
        String shortest = names.get(0);
        for (String name : names) {
            if (name.length() < shortest.length()) {
                shortest = name;
            }
        }
        return shortest;
    }

    /** The one-letter name ({@code -t}), or null. */
    public String shortName() {
        for (String name : names) {
            if (name.length() == 2) {
                return name;
            }
        }
        return null;
    }

    /** The first {@code --long} name, or null. */
    public String longName() {
        for (String name : names) {
            if (name.startsWith("--")) {
                return name;
            }
        }
        return null;
    }

    /** How the value is written after the name: {@code =FILE}, {@code [=MODE]}, or nothing for a flag. */
    String valueSuffix() {
        return switch (arity) {
            case FLAG -> "";
            case OPTIONAL_VALUE -> "[=" + paramLabel + "]";
            case SINGLE, LIST -> "=" + paramLabel;
        };
    }
}
