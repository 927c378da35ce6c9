package dev.jbuild.lint.shell;

/**
 * One word of a shell command.
 *
 * @param text the word with quotes removed and escapes applied; expansions ({@code $X}, {@code $(...)})
 *     are kept as written because their values are not known
 * @param offset where the word starts in the script text
 * @param expands true when the word holds an expansion, so its value is unknown until the script runs
 */
public record ShellWord(String text, int offset, boolean expands) {

    public boolean isOption() {
        return text.startsWith("-") && text.length() > 1;
    }

    public boolean isLongOption() {
        return text.startsWith("--");
    }
}
