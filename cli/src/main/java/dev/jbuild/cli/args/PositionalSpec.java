package dev.jbuild.cli.args;

/**
 * A positional parameter: a label ({@code CONTEXT}), an optional description and how many words it
 * takes. Positional values stay text; a command converts them where it uses them.
 *
 * @param label       what the synopsis and errors call it
 * @param description one line of help, or empty for none
 * @param min         words it must get (0 or 1)
 * @param max         words it may take ({@link Integer#MAX_VALUE} for any number)
 */
public record PositionalSpec(String label, String description, int min, int max) {
    private static final int ANY = Integer.MAX_VALUE;

    public PositionalSpec {
        if (label == null || label.isEmpty() || min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("bad positional parameter " + label + " (" + min + ".." + max + ")");
        }
        description = description == null ? "" : description;
    }

    /** Exactly one word. */
    public static PositionalSpec required(String label) {
        return new PositionalSpec(label, "", 1, 1);
    }

    /** One word or none. */
    public static PositionalSpec optional(String label) {
        return new PositionalSpec(label, "", 0, 1);
    }

    /** At least one word. */
    public static PositionalSpec oneOrMore(String label) {
        return new PositionalSpec(label, "", 1, ANY);
    }

    /** Any number of words. */
    public static PositionalSpec zeroOrMore(String label) {
        return new PositionalSpec(label, "", 0, ANY);
    }

    public PositionalSpec withDescription(String text) {
        return new PositionalSpec(label, text, min, max);
    }

    /** {@code CONTEXT}, {@code [CONTEXT]}, {@code IMAGE...} or {@code [PATH...]}. */
    String synopsis() {
        String words = max > 1 ? label + "..." : label;
        return min == 0 ? "[" + words + "]" : words;
    }
}
