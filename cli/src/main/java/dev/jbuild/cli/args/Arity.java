package dev.jbuild.cli.args;

/**
 * How many values an option takes. The order is the order of the usage synopsis: flags, then options
 * whose value may be left out, then single-valued ones, then repeatable ones (the order users of
 * jbuild's help know).
 */
public enum Arity {
    /** No value ({@code --no-cache}); {@code --no-cache=false} may still say it explicitly. */
    FLAG,
    /** A value that may be left out ({@code --shellcheck} or {@code --shellcheck=auto}). */
    OPTIONAL_VALUE,
    /** Exactly one value, given at most once. */
    SINGLE,
    /** One value per occurrence; repeating the option adds to the list. */
    LIST
}
