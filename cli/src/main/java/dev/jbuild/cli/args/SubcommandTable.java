package dev.jbuild.cli.args;

import java.util.List;

/**
 * The subcommands of a command, looked up by name. A table may build a subcommand's spec only when it
 * is asked for it, so a run models just the command it runs; help listings ask for all of them.
 */
public interface SubcommandTable {
    /** A command without subcommands. */
    SubcommandTable NONE = new FixedSubcommands(List.of());

    /** Every name, in the order help lists them. */
    List<String> names();

    /** The subcommand called {@code name}, or null when there is none. */
    CommandSpec find(String name);

    default boolean isEmpty() {
        return names().isEmpty();
    }

    /** A table of specs already built (for small groups such as {@code system}). */
    static SubcommandTable of(CommandSpec... specs) {
        return new FixedSubcommands(List.of(specs));
    }
}
