package dev.jbuild.cli.args;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A command's help in the layout users of jbuild know: the synopsis after
 * {@code Usage: jbuild CMD}, the description, one row per positional parameter and option (options
 * sorted by name), and for a command with subcommands their one-line summaries. Everything is wrapped
 * at {@value #WIDTH} columns.
 */
public final class HelpRenderer {
    public static final int WIDTH = 80;
    /** Option texts ({@code --file=FILE}) longer than this do not widen the column; they get a line of their own. */
    private static final int LONG_OPTION_MAX_WIDTH = 20;
    /** {@code "  -f, "}: indent, one-letter name, comma and space before the long name. */
    private static final int LONG_OPTION_COLUMN = 6;

    private HelpRenderer() {}

    /** The help of the last command of {@code path} (root first), ending in a newline. */
    public static String render(List<CommandSpec> path) {
        CommandSpec command = path.get(path.size() - 1);
        List<OptionSpec<?>> options = new ArrayList<>(CommandSpec.optionsInScope(path));
        StringBuilder out = new StringBuilder();
        synopsis(out, path, options);
        for (String line : command.description()) {
            TextWrapper.wrap(out, line, 0, 0, WIDTH);
            out.append('\n');
        }
        options.sort(ByName.INSTANCE);
        optionTable(out, command.positionals(), options);
        subcommandList(out, command.subcommands());
        return out.toString();
    }

    /**
     * {@code Usage: jbuild build [-hqV] [--check] ... CONTEXT}: one-letter flags clustered, then the
     * other options by arity (flags, optional values, single values, repeatable) and name, then
     * {@code [COMMAND]} when there are subcommands, then the positional parameters.
     */
    private static void synopsis(StringBuilder out, List<CommandSpec> path, List<OptionSpec<?>> options) {
        StringBuilder prefix = new StringBuilder("Usage:");
        for (CommandSpec command : path) {
            prefix.append(' ').append(command.name());
        }
        prefix.append(' ');
        List<OptionSpec<?>> clustered = new ArrayList<>();
        List<OptionSpec<?>> others = new ArrayList<>();
        for (OptionSpec<?> option : options) {
            boolean clusters = option.arity() == Arity.FLAG && !option.required() && option.shortName() != null;
            (clusters ? clustered : others).add(option);
        }
        clustered.sort(ByName.INSTANCE);
        others.sort(ByArityThenName.INSTANCE);
        List<String> items = new ArrayList<>();
        if (!clustered.isEmpty()) {
            StringBuilder cluster = new StringBuilder("[-");
            for (OptionSpec<?> option : clustered) {
                cluster.append(option.shortName().charAt(1));
            }
            items.add(cluster.append(']').toString());
        }
        for (OptionSpec<?> option : others) {
            String text = option.shortestName() + option.valueSuffix();
            if (option.arity() == Arity.LIST) {
                items.add(option.required() ? text + " [" + text + "]..." : "[" + text + "]...");
            } else {
                items.add(option.required() ? text : "[" + text + "]");
            }
        }
        if (!path.get(path.size() - 1).subcommands().isEmpty()) {
            items.add("[COMMAND]");
        }
        for (PositionalSpec parameter : path.get(path.size() - 1).positionals()) {
            items.add(parameter.synopsis());
        }
        out.append(prefix, 0, prefix.length() - 1);
        int column = prefix.length() - 1;
        // whole items move to the next line: each is one word, so the line breaks only between them
        for (int k = 0; k < items.size(); k++) {
            String item = items.get(k);
            int trailing = k < items.size() - 1 ? 1 : 0;
            if (column > prefix.length() - 1 && column + 1 + item.length() + trailing > WIDTH) {
                out.append('\n');
                TextWrapper.pad(out, prefix.length() - 1);
                column = prefix.length() - 1;
            }
            out.append(' ').append(item);
            column += 1 + item.length();
        }
        out.append('\n');
    }

    /**
     * Rows of {@code "  -f, --file=FILE   description"}. The description column sits three columns past
     * the longest option text of at most {@value #LONG_OPTION_MAX_WIDTH} characters; a longer text that
     * would reach it puts its description on the next line.
     */
    private static void optionTable(StringBuilder out, List<PositionalSpec> positionals, List<OptionSpec<?>> options) {
        List<String[]> rows = new ArrayList<>(); // {one-letter name or "", long text, description}
        for (PositionalSpec parameter : positionals) {
            rows.add(new String[] {"", parameter.synopsis(), parameter.description()});
        }
        for (OptionSpec<?> option : options) {
            String shortName = option.shortName();
            String longName = option.longName();
            String text = longName != null ? longName + option.valueSuffix() : shortName + option.valueSuffix();
            rows.add(new String[] {longName != null && shortName != null ? shortName : "", text, option.description()});
        }
        int widest = 0;
        for (String[] row : rows) {
            if (row[1].length() <= LONG_OPTION_MAX_WIDTH) {
                widest = Math.max(widest, row[1].length());
            }
        }
        int descriptionColumn = LONG_OPTION_COLUMN + widest + 3;
        for (String[] row : rows) {
            out.append("  ");
            out.append(row[0].isEmpty() ? "    " : row[0] + ", ");
            out.append(row[1]);
            int column = LONG_OPTION_COLUMN + row[1].length();
            if (row[2].isEmpty()) {
                out.append('\n');
                continue;
            }
            if (column >= descriptionColumn) {
                out.append('\n');
                column = 0;
            }
            TextWrapper.pad(out, descriptionColumn - column);
            TextWrapper.wrap(out, row[2], descriptionColumn, descriptionColumn + 2, WIDTH);
            out.append('\n');
        }
    }

    /** {@code Commands:} and a row per subcommand with the first line of its description. */
    private static void subcommandList(StringBuilder out, SubcommandTable subcommands) {
        if (subcommands.isEmpty()) {
            return;
        }
        int nameWidth = 0;
        for (String name : subcommands.names()) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        int descriptionColumn = 2 + nameWidth + 2;
        out.append("Commands:\n");
        for (String name : subcommands.names()) {
            out.append("  ").append(name);
            List<String> description = subcommands.find(name).description();
            if (!description.isEmpty()) {
                TextWrapper.pad(out, descriptionColumn - 2 - name.length());
                TextWrapper.wrap(out, description.get(0), descriptionColumn, descriptionColumn + 2, WIDTH);
            }
            out.append('\n');
        }
    }

    /**
     * Help's option order: by shortest name without its dashes, ignoring case, lower case first on a
     * tie ({@code -h} before {@code -H}). A class rather than a lambda: see {@link Converters}.
     */
    static final class ByName implements Comparator<OptionSpec<?>> {
        static final ByName INSTANCE = new ByName();

        @Override
        public int compare(OptionSpec<?> a, OptionSpec<?> b) {
            String x = strip(a.shortestName());
            String y = strip(b.shortestName());
            int byName = x.compareToIgnoreCase(y);
            return byName != 0 ? byName : -x.compareTo(y);
        }

        private static String strip(String name) {
            return name.startsWith("--") ? name.substring(2) : name.substring(1);
        }
    }

    /** The synopsis order: flags, optional values, single values, repeatable options, each by name. */
    static final class ByArityThenName implements Comparator<OptionSpec<?>> {
        static final ByArityThenName INSTANCE = new ByArityThenName();

        @Override
        public int compare(OptionSpec<?> a, OptionSpec<?> b) {
            int byArity = Integer.compare(a.arity().ordinal(), b.arity().ordinal());
            return byArity != 0 ? byArity : ByName.INSTANCE.compare(a, b);
        }
    }
}
