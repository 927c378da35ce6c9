package dev.jbuild.cli;

import dev.jbuild.builder.BuildException;
import dev.jbuild.builder.frontend.FrontendException;
import dev.jbuild.executor.ExecutorException;
import dev.jbuild.imagespec.ImageSpecException;
import dev.jbuild.lint.LintConfigException;
import dev.jbuild.parser.ignore.DockerIgnoreSyntaxException;
import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.text.Excerpt;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.StoreException;
import dev.jbuild.transfer.TransferException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one place a failure becomes what a user reads and the exit code. Each module's error family carries
 * a message that is already the line to show; commands let them through (a command that reports several
 * items, such as {@code rmi}, asks {@link #line} for each) and {@link Cli} prints what this says.
 */
public final class Failures {
    private Failures() {}

    /**
     * @param text what to print: one line, and for a Dockerfile error its source line with a caret
     */
    public record Report(String text, int exitCode) {}

    static Report of(Throwable e, Path storeRoot, boolean debug) {
        if (e instanceof DockerfileSyntaxException syntax) {
            return failed(syntax.range() == null ? "jbuild: " + syntax.oneLine() : syntax.withCaret());
        }
        String known = known(e);
        if (known != null) {
            return failed("jbuild: " + Excerpt.message(known));
        }
        String systemError = SystemErrors.describe(e, storeRoot);
        if (systemError != null) {
            return failed("jbuild: " + systemError);
        }
        return failed("jbuild: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
    }

    /** One failure among several a command reports and goes on (rmi, inspect): the line, without a caret. */
    public static String line(Exception e) {
        if (e instanceof DockerfileSyntaxException syntax) {
            return "jbuild: " + syntax.oneLine();
        }
        String known = known(e);
        return "jbuild: " + Excerpt.message(known != null ? known : String.valueOf(e));
    }

    /** The message of a failure whose family says it is the user's line, or null for anything else. */
    private static String known(Throwable e) {
        if (e instanceof BuildException) {
            return "failed to solve: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException missing) {
            return "open " + missing.getFile() + ": no such file or directory";
        }
        if (e instanceof DockerIgnoreSyntaxException) {
            return ".dockerignore " + e.getMessage();
        }
        boolean family = e instanceof UserError || e instanceof FrontendException || e instanceof ImageSpecException
                || e instanceof StoreException || e instanceof TransferException || e instanceof RegistryException
                || e instanceof ExecutorException || e instanceof LintConfigException;
        return family ? e.getMessage() : null;
    }

    private static Report failed(String text) {
        return new Report(text, ExitCode.FAILED);
    }
}
