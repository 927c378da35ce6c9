package dev.jbuild.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which command a line names, found before any command is modelled, so that a run models only that
 * one: the first word that is neither a global option nor a global option's value.
 *
 * <p>With no command word the line means {@code build}, as CI scripts write it ({@code jbuild -f
 * Dockerfile.test .}, {@code jbuild .}): when the first such word is an option, or names a build
 * context. A word names a context when it exists on the file system or looks like a path ({@code -},
 * {@code .}, {@code ..}, anything with a {@code /}, a {@code ~} or a URL); any other word is a mistyped
 * command ({@code jbuild biuld .}). A command's name wins over a directory of the same name: write
 * {@code ./build} for the directory.
 *
 * @param args    the line to parse, with {@code build} put in where it was implied
 * @param command the command word, or null when the line has none ({@code jbuild --version}, {@code jbuild})
 */
record CommandWord(List<String> args, String command) {
    /** Global options that take a value in the next word (see {@link GlobalOptions}). */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--root", "--runtime", "--storage-driver", "--log-level");
    private static final Set<String> GLOBAL_FLAGS = Set.of("--debug", "-h", "--help", "-V", "--version");

    /** A word that is no command and names no context. */
    static final class UnknownCommandException extends RuntimeException {
        final String word;

        UnknownCommandException(String word) {
            super(word);
            this.word = word;
        }
    }

    static CommandWord find(List<String> args, Set<String> commands) {
        int i = firstWordIndex(args);
        if (i < 0) {
            return new CommandWord(args, null);
        }
        String arg = args.get(i);
        if (commands.contains(arg)) {
            return new CommandWord(args, arg);
        }
        if ((arg.length() > 1 && arg.startsWith("-")) || namesContext(arg)) {
            List<String> withBuild = new ArrayList<>(args);
            withBuild.add(i, "build");
            return new CommandWord(withBuild, "build");
        }
        throw new UnknownCommandException(arg);
    }

    /**
     * The first word that is neither a global option nor a global option's value, as it stands (no
     * command implied, nothing looked up), or null: a cheap guess for work started before the line is parsed.
     */
    static String firstWord(String[] args) {
        int i = firstWordIndex(Arrays.asList(args));
        return i < 0 ? null : args[i];
    }

    private static int firstWordIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (GLOBAL_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!GLOBAL_FLAGS.contains(arg) && !isGlobalWithAttachedValue(arg)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isGlobalWithAttachedValue(String arg) {
        int eq = arg.indexOf('=');
        return eq > 0 && (GLOBAL_WITH_VALUE.contains(arg.substring(0, eq)) || arg.startsWith("--debug="));
    }

    static boolean namesContext(String word) {
        if (word.equals("-") || word.equals(".") || word.equals("..") || word.indexOf('/') >= 0
                || word.startsWith("~") || word.contains("://")) {
            return true;
        }
        try {
            return Files.exists(Path.of(word));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
