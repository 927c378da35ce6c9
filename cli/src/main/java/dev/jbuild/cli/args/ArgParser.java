package dev.jbuild.cli.args;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command line against a {@link CommandSpec} tree, with the syntax and error wording jbuild
 * has always had (scripts and tests match them):
 * <ul>
 *   <li>{@code --opt value}, {@code --opt=value}, {@code -o value}, {@code -ovalue}, {@code -o=value};
 *       clustered one-letter flags ({@code -qh}), the last of which may take a value ({@code -qtNAME});</li>
 *   <li>a flag takes no value, but {@code --flag=true|false} says it explicitly;</li>
 *   <li>repeatable options collect their values; any other option may be given once per command level;</li>
 *   <li>{@code --} ends the options; a lone {@code -} is a positional word (stdin);</li>
 *   <li>a word naming a subcommand descends into it; options a parent declares inherited (the global
 *       options) are accepted on either side of the subcommand's name;</li>
 *   <li>a word or option the current command does not know starts its default subcommand, if it has one;</li>
 *   <li>{@code -h}/{@code --help} and {@code -V}/{@code --version} stop reading: the rest is not checked.</li>
 * </ul>
 * Values are converted while reading, so a bad one is reported before any command runs.
 */
public final class ArgParser {
    private final String[] args;
    private final List<CommandSpec> path = new ArrayList<>();
    private final IdentityHashMap<OptionSpec<?>, List<Object>> values = new IdentityHashMap<>();
    private final IdentityHashMap<PositionalSpec, List<String>> words = new IdentityHashMap<>();
    private boolean helpRequested;
    private boolean versionRequested;
    private boolean optionsEnded;

    // The command being read: the option names it accepts, the options given to it, its positional words.
    private Map<String, OptionSpec<?>> scope;
    private IdentityHashMap<OptionSpec<?>, Boolean> givenHere;
    private List<Integer> wordIndexes;

    private ArgParser(String[] args) {
        this.args = args.clone();
    }

    /**
     * Reads {@code args} (without the program name) against the tree under {@code root}.
     *
     * @throws UsageException when the line is wrong; its command is the one being read at the error
     */
    public static ParsedArgs parse(CommandSpec root, String... args) {
        return new ArgParser(args).read(root);
    }

    private ParsedArgs read(CommandSpec root) {
        enter(root);
        int i = 0;
        while (i < args.length && !helpRequested && !versionRequested) {
            String arg = args[i];
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                i++;
            } else if (!optionsEnded && isOptionShaped(arg)) {
                int next = readOption(i);
                if (next >= 0) {
                    i = next;
                } else if (!enterDefaultSubcommand()) {
                    throw usage("Unknown option: '" + arg + "'");
                }
            } else {
                CommandSpec subcommand = optionsEnded ? null : current().subcommands().find(arg);
                if (subcommand != null) {
                    finishLevel(false);
                    enter(subcommand);
                    i++;
                } else if (current().subcommands().isEmpty() || !enterDefaultSubcommand()) {
                    wordIndexes.add(i);
                    i++;
                }
            }
        }
        if (!helpRequested && !versionRequested) {
            finishLevel(true);
        }
        return new ParsedArgs(path, values, words, helpRequested, versionRequested);
    }

    private CommandSpec current() {
        return path.get(path.size() - 1);
    }

    private void enter(CommandSpec command) {
        path.add(command);
        scope = new HashMap<>();
        for (OptionSpec<?> option : CommandSpec.optionsInScope(path)) {
            for (String name : option.names()) {
                scope.putIfAbsent(name, option);
            }
        }
        givenHere = new IdentityHashMap<>();
        wordIndexes = new ArrayList<>();
    }

    /** Hands the rest of the line to the current command's default subcommand; false when it has none. */
    private boolean enterDefaultSubcommand() {
        String name = current().defaultSubcommand();
        if (name == null) {
            return false;
        }
        CommandSpec subcommand = current().subcommands().find(name);
        if (subcommand == null) {
            throw new IllegalStateException("default subcommand '" + name + "' of " + current().name() + " does not exist");
        }
        finishLevel(false);
        enter(subcommand);
        return true;
    }

    private static boolean isOptionShaped(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-';
    }

    /** Reads the option at {@code args[i]} and its value; returns the index after them, or -1 if it is unknown here. */
    private int readOption(int i) {
        String arg = args[i];
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            OptionSpec<?> option = scope.get(eq < 0 ? arg : arg.substring(0, eq));
            if (option == null) {
                return -1;
            }
            return take(option, i, eq < 0 ? null : arg.substring(eq + 1));
        }
        // -abc: one-letter options run together; the first that takes a value takes the rest of the word
        for (int j = 1; j < arg.length(); j++) {
            OptionSpec<?> option = scope.get("-" + arg.charAt(j));
            if (option == null) {
                if (j == 1) {
                    return -1;
                }
                throw usage("Unknown option: '-" + arg.charAt(j) + "' (while processing option: '" + arg + "')");
            }
            String rest = arg.substring(j + 1);
            if (option.arity() == Arity.FLAG && !rest.startsWith("=")) {
                store(option, option.fallbackValue());
                if (helpRequested || versionRequested) {
                    return i + 1;
                }
                continue;
            }
            String attached = rest.startsWith("=") ? rest.substring(1) : rest;
            return take(option, i, rest.isEmpty() ? null : attached);
        }
        return i + 1;
    }

    /** Stores the option's value, attached ({@code --opt=v}, {@code -ov}) or the next word; returns the next index. */
    private int take(OptionSpec<?> option, int i, String attached) {
        if (attached != null) {
            store(option, convert(option, attached));
            return i + 1;
        }
        switch (option.arity()) {
            case FLAG:
                store(option, option.fallbackValue());
                return i + 1;
            case OPTIONAL_VALUE:
                // the next word is the value unless it looks like an option
                if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    store(option, convert(option, args[i + 1]));
                    return i + 2;
                }
                store(option, option.fallbackValue());
                return i + 1;
            default:
                if (i + 1 >= args.length) {
                    throw usage("Missing required parameter for option '" + option.longestName() + "' ("
                            + option.paramLabel() + ")");
                }
                String next = args[i + 1];
                if (isKnownOption(next)) {
                    throw usage("Expected parameter for option '" + option.longestName() + "' but found '" + next + "'");
                }
                store(option, convert(option, next));
                return i + 2;
        }
    }

    /** An option of the current command (so never meant as another option's value), or {@code --}. */
    private boolean isKnownOption(String word) {
        if (word.equals("--")) {
            return true;
        }
        if (word.startsWith("--")) {
            int eq = word.indexOf('=');
            return scope.containsKey(eq < 0 ? word : word.substring(0, eq));
        }
        return isOptionShaped(word) && scope.containsKey("-" + word.charAt(1));
    }

    private Object convert(OptionSpec<?> option, String text) {
        try {
            return option.converter().convert(text);
        } catch (InvalidValueException e) {
            // the label is named only for repeatable options: the established wording, which tests match
            String label = option.arity() == Arity.LIST ? " (" + option.paramLabel() + ")" : "";
            throw usage("Invalid value for option '" + option.longestName() + "'" + label + ": " + e.getMessage());
        }
    }

    private void store(OptionSpec<?> option, Object value) {
        if (option.arity() != Arity.LIST && givenHere.containsKey(option)) {
            String label = option.arity() == Arity.FLAG ? "" : " (" + option.paramLabel() + ")";
            throw usage("option '" + option.longestName() + "'" + label + " should be specified only once");
        }
        givenHere.put(option, Boolean.TRUE);
        List<Object> given = values.get(option);
        if (given == null) {
            given = new ArrayList<>();
            values.put(option, given);
        }
        given.add(value);
        if (Boolean.TRUE.equals(value)) {
            helpRequested |= option == CommandSpec.HELP;
            versionRequested |= option == CommandSpec.VERSION;
        }
    }

    /**
     * Gives the current command's words to its positional parameters, in order: each takes its minimum
     * while words last, and more (up to its maximum) only as far as the later ones keep their minimum.
     * Words left over are an error. For the command
     * that runs ({@code last}), missing required options and parameters are errors too.
     */
    private void finishLevel(boolean last) {
        List<PositionalSpec> parameters = current().positionals();
        List<String> missing = new ArrayList<>();
        int next = 0;
        for (int k = 0; k < parameters.size(); k++) {
            PositionalSpec parameter = parameters.get(k);
            int reserved = 0;
            for (int later = k + 1; later < parameters.size(); later++) {
                reserved += parameters.get(later).min();
            }
            int remaining = wordIndexes.size() - next;
            // its own minimum first (earlier parameters fill first), then what the later ones can spare
            int take = Math.max(Math.min(parameter.min(), remaining), Math.min(parameter.max(), remaining - reserved));
            if (take < parameter.min()) {
                missing.add(parameter.label());
            }
            List<String> got = new ArrayList<>();
            for (int w = next; w < next + take; w++) {
                got.add(args[wordIndexes.get(w)]);
            }
            words.put(parameter, got);
            next += take;
        }
        if (next < wordIndexes.size()) {
            throw unmatched(wordIndexes.subList(next, wordIndexes.size()));
        }
        if (!last) {
            return;
        }
        List<String> missingOptions = new ArrayList<>();
        for (OptionSpec<?> option : CommandSpec.optionsInScope(path)) {
            if (option.required() && !values.containsKey(option)) {
                missingOptions.add(option.longestName() + option.valueSuffix());
            }
        }
        if (!missingOptions.isEmpty()) {
            throw usage("Missing required option" + (missingOptions.size() == 1 ? "" : "s") + ": " + quoted(missingOptions));
        }
        if (!missing.isEmpty()) {
            throw usage("Missing required parameter" + (missing.size() == 1 ? "" : "s") + ": " + quoted(missing));
        }
    }

    private UsageException unmatched(List<Integer> indexes) {
        List<String> extra = new ArrayList<>();
        for (int index : indexes) {
            extra.add(args[index]);
        }
        return usage(indexes.size() == 1
                ? "Unmatched argument at index " + indexes.get(0) + ": " + quoted(extra)
                : "Unmatched arguments from index " + indexes.get(0) + ": " + quoted(extra));
    }

    private static String quoted(List<String> items) {
        StringBuilder text = new StringBuilder();
        for (String item : items) {
            text.append(text.length() == 0 ? "" : ", ").append('\'').append(item).append('\'');
        }
        return text.toString();
    }

    private UsageException usage(String message) {
        List<String> names = new ArrayList<>();
        for (CommandSpec command : path) {
            names.add(command.name());
        }
        return new UsageException(message, names);
    }
}
